package dev.greenloop.carbon;

import dev.greenloop.core.IntensityTimeline;
import java.util.List;

/** Source of carbon intensity per grid zone over time. Implementations are thread-safe. */
public interface IntensityProvider {

    /**
     * Returns the intensity of one zone as a function of time.
     *
     * @param zone a zone code such as {@code DE} or {@code US-CAL-CISO}; case and surrounding blanks are ignored
     * @return the zone's timeline, never null
     * @throws NullPointerException if {@code zone} is null
     * @throws UnknownZoneException if this provider does not know the zone; its message names the zone and
     *     suggests close matches
     */
    IntensityTimeline timeline(String zone);

    /** @return the zones this provider knows, as an immutable list ordered by code */
    List<ZoneInfo> zones();
}
