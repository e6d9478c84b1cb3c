"""derive: step-by-step worked solutions for backpropagation."""

__version__ = "0.1.0"
