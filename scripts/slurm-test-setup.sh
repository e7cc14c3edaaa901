#!/usr/bin/env bash
# Starts (or stops) a single-node Slurm for SlurmExecutorIT: munged, slurmctld and slurmd from Debian's
# slurm-wlm and munge packages, installed with apt-get when missing (needs root). No systemd: the daemons
# are started directly, with their state, logs and pid files in $GREENLOOP_SLURM_DIR (default
# /tmp/greenloop-slurm), and the configuration in $GREENLOOP_SLURM_DIR/slurm.conf.
#
#   eval "$(scripts/slurm-test-setup.sh start)"   # prints: export SLURM_CONF=...
#   scripts/slurm-test-setup.sh stop               # stops what start started, by pid file
#
# Configuration keys are from slurm.conf(5) and munged(8) of Slurm 22.05 and MUNGE 0.5.
set -euo pipefail
dir="${GREENLOOP_SLURM_DIR:-/tmp/greenloop-slurm}"
conf="$dir/slurm.conf"

log() { echo "slurm-test-setup: $*" >&2; }

stop() {
    for d in slurmd slurmctld munged; do
        if [ -f "$dir/$d.pid" ]; then
            pid="$(cat "$dir/$d.pid")"
            if kill "$pid" 2>/dev/null; then
                for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
                kill -9 "$pid" 2>/dev/null || true
            fi
            rm -f "$dir/$d.pid"
        fi
    done
    log "stopped"
}

start() {
    if [ "$(id -u)" != 0 ]; then
        log "needs root to install and start Slurm and munge"; exit 1
    fi
    if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
        log "installing slurm-wlm and munge"
        command -v apt-get >/dev/null || { log "no apt-get: not Debian; install slurm-wlm and munge yourself"; exit 1; }
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >&2
    fi
    stop 2>/dev/null || true
    rm -rf "$dir/state" "$dir/spool"
    mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
    chmod 700 "$dir/munge"
    # munged refuses a key or socket directory that others can write; keep our own key, made once.
    if [ ! -s "$dir/munge/munge.key" ]; then
        if command -v mungekey >/dev/null; then
            mungekey --create --keyfile="$dir/munge/munge.key" --force >&2
        else
            dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
        fi
        chmod 400 "$dir/munge/munge.key"
    fi
    host="$(hostname -s)"
    cat > "$conf" <<CONF
ClusterName=greenloop-test
SlurmctldHost=$host(127.0.0.1)
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPort=${GREENLOOP_SLURMCTLD_PORT:-6817}
SlurmdPort=${GREENLOOP_SLURMD_PORT:-6818}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,bf_interval=1
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF="$conf"
    /usr/sbin/munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
        --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/munge.seed" >&2
    /usr/sbin/slurmctld -f "$conf" >&2
    /usr/sbin/slurmd -f "$conf" >&2
    for _ in $(seq 100); do
        if sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
            log "Slurm is up: $(sinfo -h -o '%P %D %T' | tr '\n' ' ')"
            echo "export SLURM_CONF=$conf"
            return 0
        fi
        sleep 0.2
    done
    log "Slurm did not come up within 20 s; logs follow"
    tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" "$dir/munged.log" >&2 || true
    exit 1
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) log "usage: $0 start|stop"; exit 2 ;;
esac
