package dev.greenloop.meter.nvml;

import java.io.IOException;

/** An NVML call that answered something other than {@code NVML_SUCCESS}, with the driver's own text. */
final class NvmlException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String function;
    private final int rawCode;

    /**
     * @param function the C function, such as {@code nvmlDeviceGetPowerUsage}
     * @param rawCode the {@code nvmlReturn_t} it answered
     * @param text what {@code nvmlErrorString} says about the code
     */
    NvmlException(String function, int rawCode, String text) {
        super("%s failed: %s (%s)".formatted(function, NvmlReturn.of(rawCode), text));
        this.function = function;
        this.rawCode = rawCode;
    }

    /** @return the C function that failed */
    String function() {
        return function;
    }

    /** @return the code as NVML answered it */
    int rawCode() {
        return rawCode;
    }

    /** @return the code as a constant; {@link NvmlReturn#UNKNOWN} for one this project does not list */
    NvmlReturn code() {
        return NvmlReturn.of(rawCode);
    }
}
