'use strict';
// Caliper rate controller: a closed loop of `inFlight` transactions per round (split between the
// workers), the same as the project's own load generator: a new transaction is sent as soon as one
// finishes, never earlier and never later.
//
// Caliper's built-in `fixed-load` is not that: it submits one transaction every `startTps`-th of a
// second until the first one finishes, and whenever the backlog reaches its target it sleeps the
// average latency times the overshoot, so the number in flight saws between the target and almost
// none (docs/benchmarks.md, R2). This controller instead waits for the collector's next finished
// transaction, and prints the time-weighted mean in flight it kept, so the log shows the loop held.
// Written without requiring @hyperledger/caliper-core so it loads from a generated workspace.
class ClosedLoopRate {
    constructor(testMessage, stats, workerIndex) {
        const opts = testMessage.getRateControlSpec().opts || {};
        const total = Number(opts.inFlight || 1);
        const workers = testMessage.getWorkersNumber();
        this.target = Math.floor(total / workers) + (workerIndex < total % workers ? 1 : 0);
        this.label = testMessage.getRoundLabel();
        this.workerIndex = workerIndex;
        this.duration = Number(testMessage.getRoundDuration ? testMessage.getRoundDuration() : 0);
        this.stats = stats;
        this.waiter = null;
        this.area = 0;
        this.last = 0;
        this.first = 0;
        // Wake the loop on every finished transaction: the worker's own statistics collector is
        // the one object told, on this process's event loop, when a transaction completes.
        const finished = stats.txFinished.bind(stats);
        stats.txFinished = (results) => {
            this.account();
            finished(results);
            this.wake();
        };
    }

    /** Adds the time since the last change times the number in flight during it. */
    account() {
        const now = Date.now();
        if (this.last) {
            this.area += (now - this.last) * (this.stats.getTotalSubmittedTx() - this.stats.getTotalFinishedTx());
        } else {
            this.first = now;
        }
        this.last = now;
    }

    wake() {
        const w = this.waiter;
        this.waiter = null;
        if (w) {
            w();
        }
    }

    async applyRateControl() {
        if (this.target === 0) {
            // More workers than transactions in flight: this worker sends nothing in the round (its
            // loop still sends one after the round; keep the worker count at most the in-flight count).
            const left = this.stats.getRoundStartTime() + this.duration * 1000 - Date.now();
            await new Promise((resolve) => setTimeout(resolve, Math.max(left, 0) + 1000));
            return;
        }
        while (this.stats.getTotalSubmittedTx() - this.stats.getTotalFinishedTx() >= this.target) {
            await new Promise((resolve) => {
                this.waiter = resolve;
            });
        }
        this.account();
    }

    async end() {
        this.account();
        const span = this.last - this.first;
        if (span > 0) {
            console.log(`closed-loop-rate ${this.label} worker ${this.workerIndex}: target ${this.target} in flight, ` +
                `mean ${(this.area / span).toFixed(1)} over ${(span / 1000).toFixed(1)} s`);
        }
        this.wake();
    }
}

module.exports.createRateController = (testMessage, stats, workerIndex) => new ClosedLoopRate(testMessage, stats, workerIndex);
