"""Printable documents built from the views: the periodic report upward."""
