"""The gateway side of the feed protocol: what a terminal's gateway does, over real websockets.

`feedlog.FeedLog` numbers and retains a feed's events; `server.Gateway` serves
feeds produced by `endpoint.FeedEndpoint`s (the simulator, the test gateway);
`journal.FeedJournal` lets a restarted gateway keep its epoch.
"""
