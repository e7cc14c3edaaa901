package dev.greenloop.meter.rapl;

import dev.greenloop.meter.spi.Finding;
import java.nio.file.Path;
import java.util.List;

/** The findings RAPL discovery reports, with their wording in one place. */
final class RaplFindings {

    /** The {@link Finding#source()} of every RAPL finding. */
    static final String SOURCE = "rapl";

    /** Why a non-root user cannot read {@code energy_uj} (kernel commit 949dd0104c49, "powercap: restrict energy meter to root access"). */
    static final String ROOT_ONLY_DETAIL = "energy_uj is readable by root only (Linux ≥ 5.10 restricts it after CVE-2020-8694)";

    /** The ways to let Greenloop read {@code energy_uj}, least invasive first. */
    static final String ROOT_ONLY_FIX = "run as root; or let this user read the counters until the next boot: "
            + "sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj (this re-opens the PLATYPUS side channel "
            + "to every local user; chgrp to a group and chmod g+r is narrower); or keep that across boots with the "
            + "udev rule /etc/udev/rules.d/99-greenloop-rapl.rules: "
            + "ACTION==\"add\", SUBSYSTEM==\"powercap\", KERNEL==\"intel-rapl:*\", RUN+=\"/bin/chmod a+r /sys%p/energy_uj\"; "
            + "in a container, run as root with the host's /sys mounted read-only and GREENLOOP_SYSFS_ROOT set to it";

    /** What to do where there is no RAPL. */
    static final String NO_RAPL_FIX = "none needed: the power model is used; on bare metal load the "
            + "intel_rapl_common / intel_rapl_msr kernel modules (sudo modprobe intel_rapl_msr); in a container, "
            + "mount the host's /sys read-only and set GREENLOOP_SYSFS_ROOT to it";

    private RaplFindings() {
    }

    static Finding absent(Path classDir) {
        return new Finding(SOURCE, Finding.Status.UNAVAILABLE, classDir.toString(),
                "no RAPL: %s is absent — a VM without RAPL passthrough or a non-x86 CPU".formatted(classDir), NO_RAPL_FIX);
    }

    static Finding noZones(Path classDir) {
        return new Finding(SOURCE, Finding.Status.UNAVAILABLE, classDir.toString(),
                "no RAPL: %s holds no intel-rapl or intel-rapl-mmio zone".formatted(classDir), NO_RAPL_FIX);
    }

    /** One finding for every zone whose {@code energy_uj} this user may not read. */
    static Finding rootOnly(List<String> subjects) {
        return new Finding(SOURCE, Finding.Status.UNAVAILABLE, String.join(", ", subjects), ROOT_ONLY_DETAIL, ROOT_ONLY_FIX);
    }

    static Finding unavailable(String subject, String detail) {
        return new Finding(SOURCE, Finding.Status.UNAVAILABLE, subject, detail, "");
    }

    static Finding skipped(String subject, String detail) {
        return new Finding(SOURCE, Finding.Status.SKIPPED, subject, detail, "");
    }

    static Finding used(String subject, String detail) {
        return new Finding(SOURCE, Finding.Status.USED, subject, detail, "");
    }
}
