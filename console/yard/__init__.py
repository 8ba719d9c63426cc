"""The yard as the console knows it: containers, vehicles, clearances, devices, fences, feeds."""
