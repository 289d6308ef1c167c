'use strict';
// Generates a Caliper 0.6 workspace (fabric-gateway connector) from a network's network.json:
// network config, connection profile, the workload modules and a bench config whose rounds match
// the project's own load generator (same functions, in-flight counts and durations).
//
//   node caliper-workspace.js <network.json> <results.json> <workspace dir> <seconds> <eval levels> <submit levels>
const fs = require('fs');
const path = require('path');

const [networkFile, resultsFile, ws, seconds, evalLevels, submitLevels] = process.argv.slice(2);
const net = JSON.parse(fs.readFileSync(networkFile, 'utf8'));
const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
const org = net.organizations[0];
const single = (dir) => path.join(dir, fs.readdirSync(dir)[0]);
const idDir = (role) => org.identities.find((i) => i.role === role).mspDir;

fs.mkdirSync(path.join(ws, 'workloads'), { recursive: true });
for (const f of fs.readdirSync(path.join(__dirname, 'caliper-workloads'))) {
    fs.copyFileSync(path.join(__dirname, 'caliper-workloads', f), path.join(ws, 'workloads', f));
}

const peerName = org.peer.hostOverride;
const profile = {
    name: `${net.name}-${org.mspId}`,
    version: '1.0.0',
    client: { organization: org.mspId },
    organizations: { [org.mspId]: { mspid: org.mspId, peers: [peerName] } },
    peers: {
        [peerName]: {
            url: `grpcs://${org.peer.address}`,
            tlsCACerts: { path: org.peer.tlsRootCert },
            grpcOptions: { 'ssl-target-name-override': peerName },
        },
    },
};
fs.writeFileSync(path.join(ws, 'connection-profile.json'), JSON.stringify(profile, null, 2));

const identity = (role) => ({
    name: role,
    clientPrivateKey: { path: single(path.join(idDir(role), 'keystore')) },
    clientSignedCert: { path: single(path.join(idDir(role), 'signcerts')) },
});
const networkConfig = {
    name: net.name,
    version: '2.0.0',
    caliper: { blockchain: 'fabric' },
    channels: [{ channelName: net.channel, contracts: [{ id: net.chaincode }] }],
    organizations: [{
        mspid: org.mspId,
        identities: { certificates: [identity('auditor'), identity('treaty-admin')] },
        connectionProfile: { path: path.join(ws, 'connection-profile.json'), discover: false },
    }],
};
fs.writeFileSync(path.join(ws, 'networkconfig.json'), JSON.stringify(networkConfig, null, 2));

const members = net.organizations.slice(0, 3).map((o) => o.mspId);
const round = (label, module, load, args) => ({
    label,
    txDuration: Number(seconds),
    rateControl: { type: 'fixed-load', opts: { transactionLoad: load, startingTps: load } },
    workload: { module: path.join(ws, 'workloads', module), arguments: args },
});
const rounds = [];
for (const c of evalLevels.split(',').map(Number)) {
    rounds.push(round(`get-c${c}`, 'treaty-get.js', c, { treatyId: results.treatyId }));
}
for (const c of submitLevels.split(',').map(Number)) {
    rounds.push(round(`found-c${c}`, 'treaty-found.js', c,
        { members, jurisdictions: ['CH', 'SG', 'BR'] }));
}
const bench = { test: { name: 'regnet', workers: { number: 1 }, rounds } };
fs.writeFileSync(path.join(ws, 'benchconfig.json'), JSON.stringify(bench, null, 2));
console.log(`caliper workspace with ${rounds.length} rounds in ${ws}`);
