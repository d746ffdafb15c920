"""Interchange formats: the brief as STIX 2.1 and MISP data for threat-intelligence platforms.

They are writers like the PDF one: a resolved brief in, bytes out. Their libraries (stix2,
PyMISP) come with the `stix` extra and are imported only when one of these formats is asked for.
"""
