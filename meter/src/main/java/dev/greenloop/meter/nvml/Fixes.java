package dev.greenloop.meter.nvml;

/** What a user can do about an NVML failure, by return code. */
final class Fixes {

    private Fixes() {}

    /** @return the advice for a failed {@code nvmlInit_v2} */
    static String forInit(NvmlReturn code) {
        return switch (code) {
            case DRIVER_NOT_LOADED -> "load the NVIDIA kernel driver (nvidia-smi should work); in a container use the NVIDIA container toolkit";
            case NO_PERMISSION -> "give this user read and write access to /dev/nvidia* (or run as root)";
            case LIB_RM_VERSION_MISMATCH -> "the NVML library and the kernel driver differ in version: reboot, or reinstall the driver";
            default -> forCode(code);
        };
    }

    /** @return the advice for a failed call, or empty where there is nothing to do */
    static String forCode(NvmlReturn code) {
        return switch (code) {
            case NOT_SUPPORTED, FUNCTION_NOT_FOUND -> "";
            case NO_PERMISSION -> "run as a user allowed to query the GPU (or root)";
            case GPU_IS_LOST -> "the GPU fell off the bus or stopped answering: check the kernel log and reset or replace the GPU";
            case DRIVER_NOT_LOADED -> "load the NVIDIA kernel driver (nvidia-smi should work)";
            default -> "check that nvidia-smi works on this node";
        };
    }
}
