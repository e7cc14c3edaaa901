package dev.greenloop.carbon.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test doubles of the live providers' collaborators. */
final class Doubles {

    private Doubles() {
    }

    /** A sleeper that records the waits and returns at once. */
    static final class RecordingSleeper implements HttpFetcher.Sleeper {
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    /** An archive sink that keeps what it is given. */
    static final class ListSink implements ArchiveSink {
        final List<List<LivePoint>> archived = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void archive(List<LivePoint> points) {
            archived.add(points);
        }
    }
}
