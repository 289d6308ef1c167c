'use strict';
// Caliper workload: evaluate treaty:get of the treaty the project's own load generator founded.
// Written without requiring @hyperledger/caliper-core so it loads from a generated workspace.
class TreatyGet {
    async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter) {
        this.sut = sutAdapter;
        this.arg = JSON.stringify({ treatyId: roundArguments.treatyId });
    }
    async submitTransaction() {
        return this.sut.sendRequests({
            contractId: this.contract || 'regnet',
            contractFunction: 'treaty:get',
            contractArguments: [this.arg],
            invokerIdentity: 'auditor',
            readOnly: true,
        });
    }
    async cleanupWorkloadModule() {}
}
module.exports.createWorkloadModule = () => new TreatyGet();
