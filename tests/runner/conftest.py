import os

# The runner's tests start the real CLI; keep its set-up quiet and its cell time-outs short.
os.environ.setdefault("VWB_CELL_TIMEOUT", "300")
