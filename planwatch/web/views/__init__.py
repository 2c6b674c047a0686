"""The dashboard's views: each builds one data dict served as a page and as ``/api`` JSON."""
