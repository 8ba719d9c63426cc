"""`yard-console doctor`: before an officer sits down, is this workstation fit to supervise?

Checks, in order, each with a plain verdict and the fix: the configuration,
the database, each feed (reachable, TLS, token accepted, address
registered, heartbeat), each camera, fonts for Traditional Chinese, Qt's
platform plugin, disk space.  `run_doctor(config_path)` returns the
`Finding`s; the exit code is 1 when any of them blocks an officer.
"""
