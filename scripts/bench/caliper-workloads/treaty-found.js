'use strict';
// Caliper workload: submit treaty:found of a fresh treaty (the same request as the project's own
// load generator sends), endorsed where the gateway's policy says, waiting for commit.
class TreatyFound {
    async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter) {
        this.sut = sutAdapter;
        this.args = roundArguments;
        this.prefix = `TRT-C${workerIndex}R${roundIndex}${Date.now().toString(36).toUpperCase()}`;
        this.seq = 0;
    }
    async submitTransaction() {
        const a = this.args;
        const request = {
            treatyId: `${this.prefix}-${++this.seq}`,
            name: 'Crypto derivatives MMoU (integration test)',
            terms: {
                dataClasses: ['TRADE_DATA', 'ORDER_BOOK_DATA', 'ON_CHAIN_ANALYTICS'],
                permittedUses: ['INVESTIGATION', 'ENFORCEMENT', 'MARKET_SURVEILLANCE'],
                responseDeadlineDays: 30, retentionDays: 1825,
                refusalGrounds: ['PUBLIC_INTEREST', 'VIOLATES_DOMESTIC_LAW'],
            },
            members: a.members.map((msp, i) => ({ msp, jurisdiction: a.jurisdictions[i] })),
        };
        return this.sut.sendRequests({
            contractId: 'regnet',
            contractFunction: 'treaty:found',
            contractArguments: [JSON.stringify(request)],
            invokerIdentity: 'treaty-admin',
            readOnly: false,
        });
    }
    async cleanupWorkloadModule() {}
}
module.exports.createWorkloadModule = () => new TreatyFound();
