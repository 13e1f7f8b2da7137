"""The cyclic garbage collector, paused while a run builds its model.

Parsing and checking allocate hundreds of thousands of small objects that all live to the
end of the run and form no reference cycles; the collector's generational passes over
them cost a sixth of a monorepo run and free nothing.  Reference counting still frees
everything that dies; the collector runs again as soon as the block ends, over what is
allocated after it (the block's objects are frozen: ``gc.freeze``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What the block built lives to the end of the run: moved out of the collector's
        # generations, or the first collection after it would walk all of it once more.
        gc.freeze()
        if was_enabled:
            gc.enable()
