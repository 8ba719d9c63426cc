"""Cameras: the registry from the layout, stream readers, the follow rule and evidence.

Everything here is core (no widgets): a reader thread per visible tile decodes
its stream with OpenCV and leaves only the newest frame in a bounded slot; a
watchdog turns frame age and the reader's phase into the words a tile shows.
`ui.cctv` paints what these modules hand it.
"""
