"""Stage on top, serve: `argmap serve`, a local, read-only web app over the project.

`server.py` runs uvicorn and a watch; `state.py` keeps each map's last good
analysis and every problem, refreshed on each save; `view.py` turns an
Analysis into the map page's JSON; `app.py` is the routes; `security.py` the
Host check, methods and headers; `paths.py` refuses paths that could leave
their folder; `page.py` is the map page, served live or written by
`argmap build` as `output/<map>/<map>-map.html`; `static/` holds its
hand-written script and styles.
"""
