"""pasarkerja: labour-market link and match for Indonesia."""

__version__ = "0.1.0"
