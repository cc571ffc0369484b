"""The campaign map's library: schema, loading, zones, filters, stats, export.

No Streamlit here: the dashboard and the command line both stand on it.
"""
