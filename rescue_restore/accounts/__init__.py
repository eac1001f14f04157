"""Staff accounts: second factors, lockout, session lifetimes, the security log.

A password alone never opens the admin. After the password, a staff member
verifies a second factor (a passkey, an authenticator app code, or a single-use
recovery code); someone with none yet enrols one first. Until then the
session reaches only the verification and enrolment pages.
"""
