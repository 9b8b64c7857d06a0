"""Finishing the course: progress from the journal, the certificate and the learning-record export.

progress.py     what is done per module (plain Python, from the journal and the course's files)
figure.py       the progress as an SVG picture with a text equivalent
certificate.py  whether a certificate may be made, and the printable certificate itself
xapi.py         the journal as xAPI 1.0.3 statements (JSON), for a learning record store
views.py        the ipywidgets of the completion notebook (progress, certificate, downloads)
"""
