/*
 * A stand-in for NVIDIA's libnvidia-ml, for Greenloop's tests. It answers the NVML calls the
 * binding makes from a small text file of key=value lines, re-read on every call so that a test
 * can advance counters or change power between calls:
 *
 *   init=DRIVER_NOT_LOADED            nvmlInit_v2 fails with that code (default: SUCCESS)
 *   gpus=2                            number of GPUs
 *   driver=550.54.15                  nvmlSystemGetDriverVersion
 *   gpu0.name=NVIDIA H100 80GB HBM3
 *   gpu0.uuid=GPU-...
 *   gpu0.energy_mj=123456             or unsupported, or an error name such as NO_PERMISSION
 *   gpu0.power_mw=250000              likewise
 *   gpu0.limit_mw=700000              likewise
 *   gpu0.util=87                      likewise
 *   gpu0.procs=1234:1048576,5678:NA   pid:usedGpuMemory (NA = NVML_VALUE_NOT_AVAILABLE); empty = none
 *   gpu1.fail=GPU_IS_LOST             every call on that GPU, after its handle, fails with that code
 *   gpu0.default_limit_mw=700000      nvmlDeviceGetPowerManagementDefaultLimit (likewise)
 *   gpu0.min_limit_mw=200000          nvmlDeviceGetPowerManagementLimitConstraints' minimum and
 *   gpu0.max_limit_mw=700000          maximum (both needed; also the range the set call accepts)
 *   gpu0.mgmt_limit_mw=500000         nvmlDeviceGetPowerManagementLimit and the enforced limit; absent,
 *                                     both answer limit_mw. nvmlDeviceSetPowerManagementLimit appends
 *                                     this line to the state file, so each GPU's limit outlives the
 *                                     process that set it (as the driver's does) until the file is rewritten
 *   gpu0.set_fail=NO_PERMISSION       nvmlDeviceSetPowerManagementLimit fails with that code; so does every
 *                                     set when the environment variable FAKE_NVML_SET_FAIL names a code
 *
 * A missing numeric key answers NOT_SUPPORTED. The file's path comes from fake_nvml_set_state_file()
 * or, failing that, from the environment variable FAKE_NVML_STATE.
 *
 * Compile-time variants: -DFAKE_NO_ENERGY leaves out nvmlDeviceGetTotalEnergyConsumption,
 * -DFAKE_NO_PROCS leaves out nvmlDeviceGetComputeRunningProcesses_v3, -DFAKE_NO_LIMIT_SET leaves out
 * nvmlDeviceSetPowerManagementLimit (a driver that cannot set limits).
 *
 * Signatures, return codes and the process-info layout follow NVIDIA's NVML API reference (nvml.h);
 * the implementation is this project's own.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GPUS 16
#define MAX_KEYS 256

typedef int nvmlReturn_t;
typedef struct fake_device *nvmlDevice_t;

typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
} fake_process_info; /* nvmlProcessInfo_t as nvml.h lays it out (v2 and later) */

typedef struct {
    unsigned int gpu;
    unsigned int memory;
} fake_utilization; /* nvmlUtilization_t */

struct fake_device {
    int index;
};

static const struct {
    const char *name;
    int code;
    const char *text;
} CODES[] = {
    {"SUCCESS", 0, "Success"},
    {"UNINITIALIZED", 1, "Uninitialized"},
    {"INVALID_ARGUMENT", 2, "Invalid Argument"},
    {"NOT_SUPPORTED", 3, "Not Supported"},
    {"NO_PERMISSION", 4, "Insufficient Permissions"},
    {"ALREADY_INITIALIZED", 5, "Already Initialized"},
    {"NOT_FOUND", 6, "Not Found"},
    {"INSUFFICIENT_SIZE", 7, "Insufficient Size"},
    {"INSUFFICIENT_POWER", 8, "Insufficient External Power"},
    {"DRIVER_NOT_LOADED", 9, "Driver Not Loaded"},
    {"TIMEOUT", 10, "Timeout"},
    {"LIBRARY_NOT_FOUND", 12, "NVML Shared Library Not Found"},
    {"FUNCTION_NOT_FOUND", 13, "Function Not Found"},
    {"GPU_IS_LOST", 15, "GPU is lost"},
    {"UNKNOWN", 999, "Unknown Error"},
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char state_file[4096];
static char keys[MAX_KEYS][64];
static char values[MAX_KEYS][1024];
static int key_count;
static int init_count;
static int shutdown_calls;
static int process_calls;
static struct fake_device devices[MAX_GPUS];

/* ---- test-only controls, called by the tests through the FFM API ---- */

void fake_nvml_set_state_file(const char *path) {
    pthread_mutex_lock(&lock);
    snprintf(state_file, sizeof state_file, "%s", path == NULL ? "" : path);
    shutdown_calls = 0;
    process_calls = 0;
    init_count = 0;
    pthread_mutex_unlock(&lock);
}

int fake_nvml_shutdown_calls(void) { return shutdown_calls; }

int fake_nvml_process_calls(void) { return process_calls; }

/* ---- state ---- */

static int code_of(const char *name) {
    if (strcmp(name, "unsupported") == 0) {
        return 3;
    }
    for (size_t i = 0; i < sizeof CODES / sizeof CODES[0]; i++) {
        if (strcmp(CODES[i].name, name) == 0) {
            return CODES[i].code;
        }
    }
    return -1;
}

/* Re-reads the state file; the caller holds the lock. */
static void load(void) {
    key_count = 0;
    const char *path = state_file[0] != '\0' ? state_file : getenv("FAKE_NVML_STATE");
    if (path == NULL) {
        return;
    }
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return;
    }
    char line[1200];
    while (key_count < MAX_KEYS && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        if (line[0] == '#' || eq == NULL) {
            continue;
        }
        *eq = '\0';
        snprintf(keys[key_count], sizeof keys[0], "%.63s", line);
        snprintf(values[key_count], sizeof values[0], "%.1023s", eq + 1);
        key_count++;
    }
    fclose(f);
}

/* Copies the value of key into out; returns 0 if the key is absent. The caller holds the lock. */
static int get(const char *key, char *out, size_t size) {
    for (int i = key_count - 1; i >= 0; i--) {
        if (strcmp(keys[i], key) == 0) {
            snprintf(out, size, "%s", values[i]);
            return 1;
        }
    }
    return 0;
}

static int gpu_count(void) {
    char v[32];
    int n = get("gpus", v, sizeof v) ? atoi(v) : 0;
    return n < 0 ? 0 : (n > MAX_GPUS ? MAX_GPUS : n);
}

/* Validates a handle and the GPU's failure mode; returns NVML_SUCCESS and the index, or a code. */
static int device_index(nvmlDevice_t device, int *index) {
    if (init_count <= 0) {
        return 1;
    }
    if (device == NULL || device < devices || device >= devices + MAX_GPUS || device->index >= gpu_count()) {
        return 2;
    }
    *index = device->index;
    char key[64], v[64];
    snprintf(key, sizeof key, "gpu%d.fail", *index);
    if (get(key, v, sizeof v)) {
        int code = code_of(v);
        return code < 0 ? 999 : code;
    }
    return 0;
}

/* Reads gpuN.field as a number: NVML_SUCCESS and *out, or the code the value names. */
static int number(nvmlDevice_t device, const char *field, unsigned long long *out) {
    pthread_mutex_lock(&lock);
    load();
    int index;
    int rc = device_index(device, &index);
    if (rc == 0) {
        char key[64], v[64];
        snprintf(key, sizeof key, "gpu%d.%s", index, field);
        if (!get(key, v, sizeof v)) {
            rc = 3;
        } else if (code_of(v) >= 0) {
            rc = code_of(v);
        } else {
            *out = strtoull(v, NULL, 10);
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

static int text(nvmlDevice_t device, const char *field, const char *fallback, char *out, unsigned int length) {
    if (out == NULL) {
        return 2;
    }
    pthread_mutex_lock(&lock);
    load();
    int index;
    int rc = device_index(device, &index);
    if (rc == 0) {
        char key[64], v[256];
        snprintf(key, sizeof key, "gpu%d.%s", index, field);
        if (!get(key, v, sizeof v)) {
            snprintf(v, sizeof v, fallback, index);
        }
        if (strlen(v) + 1 > length) {
            rc = 7;
        } else {
            memcpy(out, v, strlen(v) + 1);
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

/* ---- the NVML API ---- */

nvmlReturn_t nvmlInit_v2(void) {
    pthread_mutex_lock(&lock);
    load();
    char v[64];
    int rc = get("init", v, sizeof v) ? code_of(v) : 0;
    if (rc < 0) {
        rc = 999;
    }
    if (rc == 0) {
        init_count++;
        for (int i = 0; i < MAX_GPUS; i++) {
            devices[i].index = i;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

nvmlReturn_t nvmlShutdown(void) {
    pthread_mutex_lock(&lock);
    shutdown_calls++;
    int rc = init_count > 0 ? 0 : 1;
    if (init_count > 0) {
        init_count--;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

const char *nvmlErrorString(nvmlReturn_t result) {
    for (size_t i = 0; i < sizeof CODES / sizeof CODES[0]; i++) {
        if (CODES[i].code == result) {
            return CODES[i].text;
        }
    }
    return "Unknown Error";
}

nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    if (version == NULL) {
        return 2;
    }
    pthread_mutex_lock(&lock);
    load();
    char v[128];
    int rc = init_count > 0 ? 0 : 1;
    if (rc == 0) {
        if (!get("driver", v, sizeof v)) {
            snprintf(v, sizeof v, "0.0.0-fake");
        }
        if (strlen(v) + 1 > length) {
            rc = 7;
        } else {
            memcpy(version, v, strlen(v) + 1);
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *deviceCount) {
    if (deviceCount == NULL) {
        return 2;
    }
    pthread_mutex_lock(&lock);
    load();
    int rc = init_count > 0 ? 0 : 1;
    if (rc == 0) {
        *deviceCount = (unsigned int) gpu_count();
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (device == NULL) {
        return 2;
    }
    pthread_mutex_lock(&lock);
    load();
    int rc = init_count <= 0 ? 1 : (index >= (unsigned int) gpu_count() ? 2 : 0);
    if (rc == 0) {
        *device = &devices[index];
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    return text(device, "name", "Fake GPU %d", name, length);
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    return text(device, "uuid", "GPU-00000000-0000-0000-0000-00000000000%d", uuid, length);
}

#ifndef FAKE_NO_ENERGY
nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy) {
    if (energy == NULL) {
        return 2;
    }
    return number(device, "energy_mj", energy);
}
#endif

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
    unsigned long long v = 0;
    if (power == NULL) {
        return 2;
    }
    int rc = number(device, "power_mw", &v);
    if (rc == 0) {
        *power = (unsigned int) v;
    }
    return rc;
}

/* The limit in force: the last one set (mgmt_limit_mw), else limit_mw. */
static int current_limit(nvmlDevice_t device, unsigned int *limit) {
    unsigned long long v = 0;
    if (limit == NULL) {
        return 2;
    }
    int rc = number(device, "mgmt_limit_mw", &v);
    if (rc == 3) {
        rc = number(device, "limit_mw", &v);
    }
    if (rc == 0) {
        *limit = (unsigned int) v;
    }
    return rc;
}

nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit) {
    return current_limit(device, limit);
}

nvmlReturn_t nvmlDeviceGetPowerManagementLimit(nvmlDevice_t device, unsigned int *limit) {
    return current_limit(device, limit);
}

nvmlReturn_t nvmlDeviceGetPowerManagementDefaultLimit(nvmlDevice_t device, unsigned int *defaultLimit) {
    unsigned long long v = 0;
    if (defaultLimit == NULL) {
        return 2;
    }
    int rc = number(device, "default_limit_mw", &v);
    if (rc == 0) {
        *defaultLimit = (unsigned int) v;
    }
    return rc;
}

nvmlReturn_t nvmlDeviceGetPowerManagementLimitConstraints(nvmlDevice_t device, unsigned int *minLimit,
                                                          unsigned int *maxLimit) {
    unsigned long long lo = 0, hi = 0;
    if (minLimit == NULL || maxLimit == NULL) {
        return 2;
    }
    int rc = number(device, "min_limit_mw", &lo);
    if (rc == 0) {
        rc = number(device, "max_limit_mw", &hi);
    }
    if (rc == 0) {
        *minLimit = (unsigned int) lo;
        *maxLimit = (unsigned int) hi;
    }
    return rc;
}

#ifndef FAKE_NO_LIMIT_SET
nvmlReturn_t nvmlDeviceSetPowerManagementLimit(nvmlDevice_t device, unsigned int limit) {
    unsigned long long lo = 0, hi = ~0ULL;
    int rc = 0;
    const char *forced = getenv("FAKE_NVML_SET_FAIL");
    if (forced != NULL && forced[0] != '\0') {
        rc = code_of(forced) < 0 ? 999 : code_of(forced);
    }
    if (rc == 0) {
        rc = number(device, "set_fail", &lo);
        rc = rc == 3 ? 0 : (rc == 0 ? 999 : rc); /* absent: no failure; a number is not a code */
    }
    if (rc == 0 && number(device, "min_limit_mw", &lo) == 0 && number(device, "max_limit_mw", &hi) == 0
            && (limit < lo || limit > hi)) {
        rc = 2; /* NVML_ERROR_INVALID_ARGUMENT: out of range */
    }
    if (rc != 0) {
        return rc;
    }
    pthread_mutex_lock(&lock);
    int index = device->index;
    const char *path = state_file[0] != '\0' ? state_file : getenv("FAKE_NVML_STATE");
    FILE *f = path == NULL ? NULL : fopen(path, "a");
    if (f == NULL) {
        rc = 999;
    } else {
        fprintf(f, "gpu%d.mgmt_limit_mw=%u\n", index, limit);
        fclose(f);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}
#endif

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, fake_utilization *utilization) {
    unsigned long long v = 0;
    if (utilization == NULL) {
        return 2;
    }
    int rc = number(device, "util", &v);
    if (rc == 0) {
        utilization->gpu = (unsigned int) v;
        utilization->memory = 0;
    }
    return rc;
}

#ifndef FAKE_NO_PROCS
nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t device, unsigned int *infoCount,
                                                     fake_process_info *infos) {
    if (infoCount == NULL) {
        return 2;
    }
    pthread_mutex_lock(&lock);
    process_calls++;
    load();
    int index;
    int rc = device_index(device, &index);
    char key[64], v[1024];
    if (rc == 0) {
        snprintf(key, sizeof key, "gpu%d.procs", index);
        if (!get(key, v, sizeof v)) {
            v[0] = '\0';
        } else if (code_of(v) >= 0) {
            rc = code_of(v);
        }
    }
    if (rc == 0) {
        fake_process_info parsed[64];
        unsigned int n = 0;
        for (char *save = NULL, *item = strtok_r(v, ",", &save); item != NULL && n < 64;
             item = strtok_r(NULL, ",", &save)) {
            char *colon = strchr(item, ':');
            parsed[n].pid = (unsigned int) strtoul(item, NULL, 10);
            parsed[n].usedGpuMemory = colon == NULL || strcmp(colon + 1, "NA") == 0
                    ? ~0ULL /* NVML_VALUE_NOT_AVAILABLE */
                    : strtoull(colon + 1, NULL, 10);
            parsed[n].gpuInstanceId = 0xFFFFFFFFu;
            parsed[n].computeInstanceId = 0xFFFFFFFFu;
            n++;
        }
        if (*infoCount < n) {
            *infoCount = n;
            rc = 7;
        } else if (n > 0 && infos == NULL) {
            rc = 2;
        } else {
            if (n > 0) {
                memcpy(infos, parsed, n * sizeof parsed[0]);
            }
            *infoCount = n;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}
#endif
