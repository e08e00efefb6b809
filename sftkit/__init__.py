__version__ = "0.1.0"

# the built-in tasks register themselves where they are defined (`load_task("units")` finds the unit task)
from . import units as _units  # light: no torch
