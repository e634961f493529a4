# tp-reseau-check launcher: python -S -u -X utf8 tprc_start.py STUDENT_FILE
#
# Runs tprc_boot from its cached bytecode. A script named on the command line is compiled from
# source at every start (~4 ms for tprc_boot, in every Python process the checker starts); an
# imported module is compiled once, into src/python/inject/__pycache__ (when that folder is
# writable; otherwise it is compiled each time, as a script would be). Bytecode writing is allowed
# for this import only: the student's files never get a __pycache__.
import sys

_write = sys.dont_write_bytecode
sys.dont_write_bytecode = False
try:
    import tprc_boot
finally:
    sys.dont_write_bytecode = _write
tprc_boot._main()
