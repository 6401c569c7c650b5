"""Copy GOV.UK Frontend's built assets from its npm package into src/communities/core/static/govuk/.

Run when upgrading GOV.UK Frontend (the output is committed, so installing Communities needs no Node.js):

    npm pack govuk-frontend@6.0.0 && python scripts/vendor_govuk_frontend.py govuk-frontend-6.0.0.tgz

The GDS Transport typeface is licensed only for services on GOV.UK, which a council service is not, so the
@font-face rules and font files are dropped and text falls back to Arial (as GOV.UK Frontend's own guidance for
non-GOV.UK services advises). Asset URLs are made relative to the stylesheet.
"""

from __future__ import annotations

import re
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

DEST = Path(__file__).resolve().parent.parent / "src" / "communities" / "core" / "static" / "govuk"


def rewrite_css(css: str) -> str:
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace("font-family:GDS Transport,arial,sans-serif", "font-family:arial,sans-serif")
    css = css.replace("font-family:GDS Transport", "font-family:arial,sans-serif")
    css = css.replace("url(/assets/", "url(assets/")
    return re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)


def main(tarball: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        dist = Path(tmp) / "package" / "dist" / "govuk"
        version = (Path(tmp) / "package" / "package.json").read_text()
        if DEST.exists():
            shutil.rmtree(DEST)
        (DEST / "assets").mkdir(parents=True)
        (DEST / "govuk-frontend.min.css").write_text(rewrite_css((dist / "govuk-frontend.min.css").read_text()))
        js = (dist / "govuk-frontend.min.js").read_text()
        (DEST / "govuk-frontend.min.js").write_text(re.sub(r"//# sourceMappingURL=.*", "", js))
        shutil.copytree(dist / "assets" / "images", DEST / "assets" / "images")
        shutil.copy(dist / "assets" / "manifest.json", DEST / "assets" / "manifest.json")
        (DEST / "LICENSE.txt").write_text(
            "GOV.UK Frontend is © Crown copyright, released under the MIT licence "
            "(https://github.com/alphagov/govuk-frontend/blob/main/LICENSE.txt). "
            "Images are © Crown copyright, Open Government Licence v3.0.\n"
        )
        match = re.search(r'"version":\s*"([^"]+)"', version)
        (DEST / "VERSION").write_text((match.group(1) if match else "unknown") + "\n")
    print(f"GOV.UK Frontend assets written to {DEST}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/vendor_govuk_frontend.py govuk-frontend-X.Y.Z.tgz")
    main(sys.argv[1])
