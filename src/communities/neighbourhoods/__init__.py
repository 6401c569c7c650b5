"""Neighbourhood profiles (issue 18): deprivation, Census 2021, crime and services per ward, LSOA and chosen
neighbourhood, with small numbers suppressed.
"""
