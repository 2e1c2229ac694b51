"""What the benchmarks' child processes run first: on exit, the child writes its own peak
resident memory (VmHWM, bytes) to the file named by its first argument. (The ``ru_maxrss`` that
``wait4`` gives counts the parent's memory at the fork too.)"""

PEAK_PRELUDE = """
import atexit, sys
out = sys.argv[1]
def peak():
    with open("/proc/self/status") as status:
        hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    with open(out, "w") as stream:
        stream.write(str(hwm * 1024))
atexit.register(peak)
"""
