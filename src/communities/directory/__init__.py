"""Find help: the community services directory (HSDS 3.0 / Open Referral UK 3.0)."""
