"""The CCTV wall: tiles that paint the newest frame of their camera, and the wall that
chooses which cameras they show (`console.cameras` does the decoding and the rules)."""
