"""What the map's tests share: the region's extent and a frame's values by country."""
import geo

REGION = tuple(geo.feature_ids("region"))


def frame_values(frame):
    return dict(zip(frame.locations, frame.z))
