package dev.greenloop.meter.proc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which processes started by a measured command have left its process tree: daemons and double forks, whose
 * parent exited so that the kernel re-parented them to init or a subreaper, out of the tree. Their CPU time from
 * then on is not attributed to the command; {@link Procfs#liveStrays()} names them so that a front end can say so.
 *
 * <p>A process read by a tree scan outside the tree is a stray if it was in the tree at the previous scan, or if its
 * parent is a stray, or if it looks like an orphan of the command: the measuring process's process group and
 * session (which the command inherits), started no earlier than measuring did, and a child of one of the measuring
 * process's ancestors (init or a subreaper: where the kernel puts orphans), other than the measuring process itself.
 * A process the user's shell starts later in the same process group (a script's next background job) can match
 * that last rule: the note then names one process too many. Not thread-safe: {@link Procfs} guards it.
 */
final class StrayWatch {

    private final long self;
    private final long pgrp;
    private final long session;
    private final long sinceTicks;
    private final PidSet ancestors = new PidSet();
    /** Stray pid → its start time in clock ticks since boot, to tell it from a later process given the same pid. */
    private final Map<Long, Long> strays = new LinkedHashMap<>();

    /**
     * @param self the measuring process
     * @param pgrp its process group
     * @param session its session
     * @param sinceTicks when measuring started, in clock ticks since boot
     * @param ancestorPids its ancestors, parent first, up to init
     */
    StrayWatch(long self, long pgrp, long session, long sinceTicks, List<Long> ancestorPids) {
        this.self = self;
        this.pgrp = pgrp;
        this.session = session;
        this.sinceTicks = sinceTicks;
        ancestors.clear(ancestorPids.size() + 1);
        ancestors.add(1);
        ancestorPids.forEach(ancestors::add);
    }

    /**
     * Considers one process found outside the tree.
     *
     * @return true if it is (now) known as a stray
     */
    boolean consider(long pid, long ppid, long pgrp, long session, long starttime, boolean wasInTree) {
        if (strays.containsKey(pid)) {
            return true;
        }
        if (pid == self || ancestors.contains(pid)) {
            return false;
        }
        boolean orphanOfTheCommand = pgrp == this.pgrp && session == this.session && starttime >= sinceTicks
                && ppid != self && ancestors.contains(ppid);
        if (wasInTree || strays.containsKey(ppid) || orphanOfTheCommand) {
            strays.put(pid, starttime);
            return true;
        }
        return false;
    }

    /** @return true if {@code pid} is a known stray */
    boolean isStray(long pid) {
        return strays.containsKey(pid);
    }

    /** @return every stray seen, with its start time, in the order found */
    List<Map.Entry<Long, Long>> seen() {
        return new ArrayList<>(strays.entrySet());
    }
}
