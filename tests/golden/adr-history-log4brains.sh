# The same ADR history as adr-history.sh, in the log4brains template (MADR 2 status lines).
sh tests/golden/adr-history.sh "$1" log4brains
