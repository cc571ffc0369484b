"""The Streamlit side of the campaign map: the frame every page shares
(filters and the address bar, navigation, the data problems page) and one
small module per page in pages/. Only this package imports Streamlit."""
