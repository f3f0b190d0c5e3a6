"""argmap: map a policy argument, its evidence and its rebuttals; render diagrams and debate handouts.

The stages are plain functions, each taking the previous stage's value:

    load -> resolve -> analyze -> (diagram | handout view -> HTML/PDF | export)

`argmap.api` strings them together; the command line is a thin layer over it.
"""

__version__ = "0.1.0"
