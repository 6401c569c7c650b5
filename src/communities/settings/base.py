"""Settings shared by every environment. Values come from the environment; see docs/environment-variables.md."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from .env import env_bool, env_cache, env_int, env_list, env_secret, env_str

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("COMMUNITIES_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Development key: production.py refuses to start with it.
DEVELOPMENT_SECRET_KEY = "development-only-not-secret-communities"  # noqa: S105
SECRET_KEY = env_secret("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
DEMO_MODE = env_bool("DEMO_MODE", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
SITE_ROOT = env_str("SITE_ROOT", "http://127.0.0.1:8000").rstrip("/")
SERVICE_NAME = env_str("SERVICE_NAME", "Communities")
# The council this installation serves, by ONS code. Stockton-on-Tees Borough Council is the default.
COUNCIL_CODE = env_str("COUNCIL_CODE", "E06000004")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "govuk_frontend_django",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    # core before django_tasks_db: its db_worker command (which also recovers jobs whose worker died) wins.
    "communities.core",
    "django_tasks",
    "django_tasks_db",
    "communities.audit",
    "communities.accounts",
    "communities.organisations",
    "communities.places",
    "communities.people",
    "communities.demo",
    "communities.insight",
    "communities.directory",
    "communities.money",
    "communities.dataprotection",
    "communities.support",
    "communities.referrals",
    "communities.providers",
    "communities.transport",
    "communities.transport.planning",
    "communities.volunteering",
    "communities.befriending",
    "communities.activities",
    "communities.resilience",
    "communities.resilience.alerts",
    "communities.impact",
    "communities.neighbourhoods",
]

MIDDLEWARE = [
    # Around everything: the ORUK API's CORS header on every answer (redirects and errors too), 405 for writes.
    "communities.directory.middleware.ApiEdgeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "communities.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Kept public answers of Find help and the ORUK API, before sign-in and the view (directory/services/public_cache).
    "communities.directory.middleware.PublicAnswersMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: no-store on signed-in pages, private pages and downloads; public answers keep their own caching.
    "communities.core.middleware.NoStoreMiddleware",
    "communities.accounts.session_lifetime.AbsoluteSessionLifetimeMiddleware",
    "communities.core.middleware.LoginRequiredMiddleware",
    "communities.organisations.middleware.CurrentOrganisationMiddleware",
    "communities.accounts.middleware.RequireMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "communities.urls"
WSGI_APPLICATION = "communities.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "communities.core.context_processors.service",
            ],
        },
    }
]

# "default" is shared by every server process (a folder under COMMUNITIES_VAR_DIR unless CACHE_URL says otherwise):
# the directory's public answers, the ORUK API's rate limit (atomic counters: core/cache.py, or Redis) and allauth's
# rate limits. "local" is per process, for cheap counters.
CACHES = {
    "default": env_cache("CACHE_URL", VAR_DIR / "cache"),
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "communities-local"},
}

DATABASES = {
    "default": dj_database_url.parse(
        env_secret("DATABASE_URL", f"sqlite:///{VAR_DIR / 'communities.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's web server and background worker read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Passwords after NCSC guidance ("Password administration for system owners", 2018, and "Top tips for staying
# secure online: three random words"): a minimum length, a deny list of common passwords, no composition rules
# and no forced expiry. MFA is required on top for every staff role.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# django-allauth: email login, no self sign-up (members are invited), TOTP MFA.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "communities.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's forms with GOV.UK error messages for empty fields (communities.accounts.forms, issue 19).
ACCOUNT_FORMS = {
    "login": "communities.accounts.forms.SignInForm",
    "reset_password": "communities.accounts.forms.PasswordResetRequestForm",
    "reset_password_from_key": "communities.accounts.forms.PasswordResetForm",
    "change_password": "communities.accounts.forms.ChangePasswordForm",
    "set_password": "communities.accounts.forms.SetPasswordForm",
    "reauthenticate": "communities.accounts.forms.PasswordReauthenticateForm",
}
# Failed sign-ins are counted and locked out by django-axes (below), so allauth does not count them twice. allauth
# also rate-limits second-factor codes under "login_failed"; MFA_FAILURE_LIMIT below locks and audits them instead.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SERVICE_NAME
MFA_ADAPTER = "communities.accounts.adapters.MFAAdapter"
# Second-factor codes are counted per account (communities.accounts.second_factor): after MFA_FAILURE_LIMIT wrong
# codes, authenticator-app codes are refused for MFA_COOLOFF_MINUTES; recovery codes still work, and as many wrong
# recovery codes lock those too. A 6-digit code guessed 5 times per 30 minutes has odds of 5 in a million per lock
# (NIST SP 800-63B section 5.2.2, checked 2026-12-07: a limit of at most 100 consecutive failures per account).
MFA_FAILURE_LIMIT = env_int("MFA_FAILURE_LIMIT", 5)
MFA_COOLOFF_MINUTES = env_int("MFA_COOLOFF_MINUTES", 30)
MFA_FORMS = {
    "authenticate": "communities.accounts.forms.LimitedAuthenticateForm",
    "reauthenticate": "communities.accounts.forms.LimitedReauthenticateForm",
}
# Second-factor secrets are encrypted at rest (communities.accounts.encryption) with these Fernet keys, newest first.
# Without the variable a key derived from SECRET_KEY is used: development and tests only, production refuses it.
MFA_ENCRYPTION_KEYS = [key.strip() for key in env_secret("MFA_ENCRYPTION_KEYS", "").split(",") if key.strip()]
MFA_ENCRYPTION_KEYS_FROM_ENVIRONMENT = bool(MFA_ENCRYPTION_KEYS)
if not MFA_ENCRYPTION_KEYS:
    from communities.accounts.encryption import development_key

    MFA_ENCRYPTION_KEYS = [development_key(SECRET_KEY)]
# Every role is a staff role that can reach personal data, so every member must use a second factor.
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)

# Client address: behind N trusted reverse proxies, the Nth X-Forwarded-For entry from the right; 0 = the
# connection's own address, the header ignored (communities.accounts.client_address; audit trail and lockouts).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# django-axes (communities.accounts.lockout): an account is locked after AXES_FAILURE_LIMIT failed sign-ins from any
# addresses, and an address after AXES_ADDRESS_FAILURE_LIMIT failed sign-ins for any accounts, each for
# AXES_COOLOFF_MINUTES. The account is the email allauth receives, stripped and lower-cased. Figures checked
# 2026-12-07: NCSC "Password administration for system owners" (2018) suggests allowing about 10 attempts before
# lockout and NIST SP 800-63B section 5.2.2 at most 100; 5 per account is stricter because every member also has a
# second factor; 20 per address lets a shared office survive one person's typos while stopping spraying.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 30)
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_HANDLER = "communities.accounts.lockout.AccountAndAddressHandler"
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "communities.accounts.lockout.normalised_login"
AXES_CLIENT_IP_CALLABLE = "communities.accounts.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "communities.accounts.lockout.lockout_response"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Sessions: an idle timeout (the expiry slides forward on every request), essential cookies only.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60)
# ...and an absolute lifetime however active (communities.accounts.session_lifetime): a working day and a half.
SESSION_ABSOLUTE_LIFETIME_SECONDS = env_int("SESSION_ABSOLUTE_LIFETIME_SECONDS", 12 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp 4): no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background jobs (django-tasks with the database backend).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Jobs that survive a crash (core/jobs.py): a running job records a heartbeat every JOB_HEARTBEAT_SECONDS; one silent
# for JOB_HEARTBEAT_TIMEOUT_SECONDS lost its worker and is resumed where it stopped, or failed after JOB_MAX_ATTEMPTS
# attempts (then the officer may retry it while its input is kept: JOB_INPUT_RETENTION_DAYS after the failure).
JOB_HEARTBEAT_SECONDS = env_int("JOB_HEARTBEAT_SECONDS", 10)
JOB_HEARTBEAT_TIMEOUT_SECONDS = env_int("JOB_HEARTBEAT_TIMEOUT_SECONDS", 60)
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 3)
JOB_INPUT_RETENTION_DAYS = env_int("JOB_INPUT_RETENTION_DAYS", 14)
# Caseload screening: households screened and saved per unit (one transaction each).
SCREENING_UNIT_HOUSEHOLDS = env_int("SCREENING_UNIT_HOUSEHOLDS", 500)
# Periodic tasks (core/periodic.py, ADR 0013): every db_worker checks every PERIODIC_CHECK_SECONDS and queues each task
# whose period (a day from its daily_at time, or every_seconds) has no run yet; once per period across all workers.
PERIODIC_CHECK_SECONDS = env_int("PERIODIC_CHECK_SECONDS", 30)
PERIODIC_TASKS: list[dict] = [
    # Email the people responsible for listings not checked within DIRECTORY_ASSURANCE_DAYS (once per listing and
    # cycle), each morning before most groups open.
    {"name": "directory.chase_stale_listings", "task": "communities.directory.tasks.chase_stale_listings_task",
     "daily_at": env_str("DIRECTORY_CHASE_DAILY_AT", "07:00")},
    # Referral emails that could not be sent when the referral changed (GOV.UK Notify down): tried again hourly.
    {"name": "referrals.tell_the_untold", "task": "communities.referrals.services.tell_the_untold",
     "every_seconds": 3600},
]

# Email and text messages (core.notify): GOV.UK Notify's official client when NOTIFY_API_KEY is set; offline the file
# backend writes each message to OUTBOX_DIR. Template ids: NOTIFY_TEMPLATE_IDS "name=id,name=id" for our templates
# with their own Notify template, else the general placeholder-only templates.
NOTIFY_API_KEY = env_secret("NOTIFY_API_KEY", "")
NOTIFY_BACKEND = env_str("NOTIFY_BACKEND", "notify" if NOTIFY_API_KEY else "file")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID", "")
NOTIFY_TEMPLATE_IDS: dict[str, str] = dict(
    item.split("=", 1) if "=" in item else (item, "") for item in env_list("NOTIFY_TEMPLATE_IDS", [])
)  # an item without "=" keeps no id, so core.notify says which template lacks one when it is first used
OUTBOX_DIR = Path(env_str("OUTBOX_DIR", str(VAR_DIR / "outbox")))
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)

# Audit export is rate-limited per user (exports per hour).
AUDIT_EXPORTS_PER_HOUR = env_int("AUDIT_EXPORTS_PER_HOUR", 10)

# Data protection (dataprotection app): a council's own retention schedule (YAML rows overriding
# dataprotection/data/schedule.yaml) and the key for pseudonyms in the audit trail (default: derived from SECRET_KEY).
DATA_PROTECTION_SCHEDULE_FILE = env_str("DATA_PROTECTION_SCHEDULE_FILE", "")
AUDIT_PSEUDONYM_KEY = env_secret("AUDIT_PSEUDONYM_KEY", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Django's own email (allauth's password reset) is written to files offline; set EMAIL_BACKEND for SMTP.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(OUTBOX_DIR / "django")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "communities@localhost")

# Extra steps the demo borough generator runs after people and organisations exist (each capability adds one).
DEMO_EXTENSIONS: list[str] = []
DEMO_EXTENSIONS.append("communities.directory.demo.add_demo_services")
DEMO_EXTENSIONS.append("communities.people.demo.add_demo_assignments")
DEMO_EXTENSIONS.append("communities.people.demo.add_demo_hub")

# Community services directory (Find help): listings not assured (checked) within this many days are chased and
# flagged as stale; the public API caps per_page at DIRECTORY_API_MAX_PER_PAGE.
DIRECTORY_ASSURANCE_DAYS = env_int("DIRECTORY_ASSURANCE_DAYS", 183)
DIRECTORY_API_MAX_PER_PAGE = env_int("DIRECTORY_API_MAX_PER_PAGE", 100)
DIRECTORY_EDITORS_EMAIL = env_str("DIRECTORY_EDITORS_EMAIL", "")
# Public answers (API responses, Find help pages for visitors without a session) are kept this long in the shared
# cache and by API clients (0 turns caching off); any change to a listing replaces the revision they are keyed on,
# which each server process re-reads at most every DIRECTORY_REVISION_CHECK_SECONDS (directory/services/public_cache).
DIRECTORY_CACHE_SECONDS = env_int("DIRECTORY_CACHE_SECONDS", 300)
DIRECTORY_REVISION_CHECK_SECONDS = env_int("DIRECTORY_REVISION_CHECK_SECONDS", 1)
# Requests per minute from one address to the API, counted across all server processes in the shared cache, before
# it answers 429 (0: no limit).
DIRECTORY_API_RATE_PER_MINUTE = env_int("DIRECTORY_API_RATE_PER_MINUTE", 600)

# Money (issue 7): benefits checks, caseload screening and take-up campaigns.
DEMO_EXTENSIONS.append("communities.money.demo.add_demo_money")

# Referrals (issue 14): days a service has to accept or decline a referral unless it sets its own target, and the
# council's safeguarding contacts shown when a referrer reports a concern (a YAML file replacing the shipped one).
REFERRAL_RESPONSE_DAYS = env_int("REFERRAL_RESPONSE_DAYS", 5)
REFERRALS_SAFEGUARDING_FILE = env_str("REFERRALS_SAFEGUARDING_FILE", "")
DEMO_EXTENSIONS.append("communities.referrals.demo.add_demo_referrals")

# Support plans and carers (issue 14): co-produced plans with reviews and ONS4 scores, carers' emergency plans.
# SUPPORT_INSTRUMENTS_DIR: a directory of outcome-measure YAML files the council adds (support/instruments.py).
SUPPORT_INSTRUMENTS_DIR = env_str("SUPPORT_INSTRUMENTS_DIR", "")
SUPPORT_CONTACT_RATE_PER_MINUTE = env_int("SUPPORT_CONTACT_RATE_PER_MINUTE", 20)
DEMO_EXTENSIONS.append("communities.support.demo.add_demo_support")

# Insight (outcomes framework, inequality, SPC, Cabinet report): synthetic indicators for the demo borough.
DEMO_EXTENSIONS.append("communities.insight.demo.add_demo_indicators")

# Provider quality (issue 14): commissioned care providers with concerns, visits and RAG histories.
DEMO_EXTENSIONS.append("communities.providers.demo.add_demo_providers")

# Volunteer Driver Service (issue 15).
# Bookings up to TRANSPORT_BOOK_DAYS_AHEAD days ahead; regular (weekly) bookings become trips this many days ahead
# each morning; drivers are emailed about checks expiring within TRANSPORT_CHASE_DAYS_AHEAD days. The scheme's own
# flat mileage rate in pence (unset: it pays at the HMRC approved rates in the dated table; above them is flagged).
# Booking rules published as GTFS-Flex booking_rules.txt: notice in days and the last booking time the day before
# (scheme policy; references.md: schemes ask 48 hours' notice), phone and page.
TRANSPORT_BOOK_DAYS_AHEAD = env_int("TRANSPORT_BOOK_DAYS_AHEAD", 90)
TRANSPORT_REGULAR_DAYS_AHEAD = env_int("TRANSPORT_REGULAR_DAYS_AHEAD", 14)
TRANSPORT_CHASE_DAYS_AHEAD = env_int("TRANSPORT_CHASE_DAYS_AHEAD", 30)
TRANSPORT_SCHEME_PENCE_PER_MILE = env_int("TRANSPORT_SCHEME_PENCE_PER_MILE", 0) or None
TRANSPORT_NOTICE_DAYS = env_int("TRANSPORT_NOTICE_DAYS", 2)
TRANSPORT_BOOKING_LAST_TIME = env_str("TRANSPORT_BOOKING_LAST_TIME", "16:00")
TRANSPORT_BOOKING_PHONE = env_str("TRANSPORT_BOOKING_PHONE", "")
TRANSPORT_BOOKING_URL = env_str("TRANSPORT_BOOKING_URL", "")
# Referrals to a service with one of these names become booking requests for the scheme's coordinators.
TRANSPORT_REFERRAL_SERVICES = env_list("TRANSPORT_REFERRAL_SERVICES", ["Volunteer Driver Service"])
PERIODIC_TASKS.append({"name": "transport.chase_expiring_checks", "daily_at": "07:30",
                       "task": "communities.transport.services.drivers.chase_expiring_checks"})
PERIODIC_TASKS.append({"name": "transport.make_regular_trips", "daily_at": "05:30",
                       "task": "communities.transport.services.bookings.make_regular_trips_task"})
DEMO_EXTENSIONS.append("communities.transport.demo.add_demo_transport")

# Volunteer Driver Service daily plans (issue 15).
# The scheduler searches TRANSPORT_PLANNING_SECONDS in TRANSPORT_PLANNING_SLICES steps (the page's progress; a killed
# worker resumes at the last step). Travel times: TRANSPORT_OSRM_URL (an OSRM server) or, offline, straight-line
# distance x TRANSPORT_DETOUR_FACTOR at TRANSPORT_SPEED_KMH (planning assumptions stated on the plan page, not
# measurements). TRANSPORT_PLANNING_ASSUMPTIONS: the scheme's ride-time and boarding policy (planning/instance.py).
TRANSPORT_PLANNING_SECONDS = env_int("TRANSPORT_PLANNING_SECONDS", 48)
TRANSPORT_PLANNING_SLICES = env_int("TRANSPORT_PLANNING_SLICES", 6)
TRANSPORT_OSRM_URL = env_str("TRANSPORT_OSRM_URL", "")
TRANSPORT_DETOUR_FACTOR = 1.3
TRANSPORT_SPEED_KMH = 30.0
TRANSPORT_PLANNING_ASSUMPTIONS: dict = {}
# Passengers travelling tomorrow are reminded each afternoon (once per trip: planning/messages.py).
PERIODIC_TASKS.append({"name": "transport_planning.remind_passengers",
                       "task": "communities.transport.planning.messages.send_reminders",
                       "daily_at": env_str("TRANSPORT_REMINDER_DAILY_AT", "16:00")})
DEMO_EXTENSIONS.append("communities.transport.planning.demo.publish_demo_plan")

# Volunteering and community action (issue 16).
# VOLUNTEERING_HOURLY_VALUE (with VOLUNTEERING_HOURLY_VALUE_SOURCE and _SOURCE_DATE): the council's own value of an
# hour of volunteering on the impact page; unset, the National Living Wage table shipped in
# volunteering/data/hourly_values.yaml is used (the row in force at the end of the period).
VOLUNTEERING_HOURLY_VALUE = ({"value": env_str("VOLUNTEERING_HOURLY_VALUE", ""),
                              "source": env_str("VOLUNTEERING_HOURLY_VALUE_SOURCE", "set by the council"),
                              "source_date": env_str("VOLUNTEERING_HOURLY_VALUE_SOURCE_DATE", "")}
                             if env_str("VOLUNTEERING_HOURLY_VALUE", "") else None)
DEMO_EXTENSIONS.append("communities.volunteering.demo.add_demo_volunteering")

# Befriending (issue 16).
# A befriending match lets the befriender see their match for BEFRIENDING_MATCH_DAYS (renewed by a new match); a
# check-in not recorded BEFRIENDING_CHECKIN_GRACE_DAYS after it was due is escalated to the volunteer coordinators.
BEFRIENDING_MATCH_DAYS = env_int("BEFRIENDING_MATCH_DAYS", 365)
BEFRIENDING_CHECKIN_GRACE_DAYS = env_int("BEFRIENDING_CHECKIN_GRACE_DAYS", 3)
PERIODIC_TASKS.append({"name": "befriending.escalate_missed_checkins",
                       "task": "communities.befriending.tasks.escalate_missed_checkins_task", "daily_at": "09:00"})
DEMO_EXTENSIONS.append("communities.befriending.demo.add_demo_befriending")

# Activities from OpenActive feeds (issue 16).
# ACTIVITIES_FEEDS: "name=url" pairs, comma separated: the OpenActive RPDE feeds read, and the only addresses (their
# scheme and host) the reader fetches from. Each run reads at most ACTIVITIES_MAX_PAGES_PER_RUN pages per feed and
# continues from there next time; a page over ACTIVITIES_MAX_PAGE_BYTES or slower than the timeout stops the run.
ACTIVITIES_FEEDS = env_list("ACTIVITIES_FEEDS", [])
ACTIVITIES_FETCH_TIMEOUT_SECONDS = env_int("ACTIVITIES_FETCH_TIMEOUT_SECONDS", 20)
ACTIVITIES_MAX_PAGE_BYTES = env_int("ACTIVITIES_MAX_PAGE_BYTES", 5 * 1024 * 1024)
ACTIVITIES_MAX_PAGES_PER_RUN = env_int("ACTIVITIES_MAX_PAGES_PER_RUN", 500)
PERIODIC_TASKS.append({"name": "activities.follow_feeds", "task": "communities.activities.tasks.follow_feeds_task",
                       "every_seconds": env_int("ACTIVITIES_FOLLOW_EVERY_SECONDS", 3600)})
DEMO_EXTENSIONS.append("communities.activities.demo.add_demo_activities")

# Emergencies (issue 17).
# Register entries' consent runs out 12 months after it is given; residents and workers are reminded this many days
# before, each morning (resilience.reminders). The phone number residents call to stay on the register.
RESILIENCE_REMINDER_DAYS = env_int("RESILIENCE_REMINDER_DAYS", 30)
RESILIENCE_REGISTER_PHONE = env_str("RESILIENCE_REGISTER_PHONE", "01642 393939")
PERIODIC_TASKS.append({"name": "resilience.review_reminders",
                       "task": "communities.resilience.reminders.send_review_reminders", "daily_at": "08:00"})
DEMO_EXTENSIONS.append("communities.resilience.demo.add_demo_emergencies")

# Weather-health alerts and community risk (issue 17).
DEMO_EXTENSIONS.append("communities.resilience.alerts.demo.add_demo_alerts")

# Equality and Poverty Impact Assessments (issue 18).
# Authors are reminded of an assessment's review this many days ahead, each morning (impact.reminders).
IMPACT_REVIEW_NOTICE_DAYS = env_int("IMPACT_REVIEW_NOTICE_DAYS", 28)
# Counts of residents below this are shown as "fewer than N" in assessments' evidence (communities.stats.suppression).
IMPACT_SUPPRESSION_THRESHOLD = env_int("IMPACT_SUPPRESSION_THRESHOLD", 5)
PERIODIC_TASKS.append({"name": "impact.review_reminders", "task": "communities.impact.reminders.send_review_reminders",
                       "daily_at": env_str("IMPACT_REMINDERS_DAILY_AT", "07:30")})
DEMO_EXTENSIONS.append("communities.impact.demo.add_assessments")

# Neighbourhood profiles (issue 18).
# Counts below this are shown as "fewer than N" on profiles, with secondary suppression (communities.stats.suppression).
NEIGHBOURHOOD_SUPPRESSION_THRESHOLD = env_int("NEIGHBOURHOOD_SUPPRESSION_THRESHOLD", 5)
DEMO_EXTENSIONS.append("communities.neighbourhoods.demo.add_profiles")
