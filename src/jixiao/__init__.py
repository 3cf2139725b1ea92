"""jixiao (绩效): department overall-expenditure performance self-evaluation.

Layers, innermost first: ``model`` (typed department-year), ``frameworks``
(scoring frameworks as data), ``engine`` (metrics, rules, evaluation), then the
edges: ``intake``, ``report``, ``audit``, ``cli``.
"""

__version__ = "0.1.0"
