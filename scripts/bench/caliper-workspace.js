'use strict';
// Generates a Caliper 0.6 workspace (fabric-gateway connector) from a network's network.json:
// network config, connection profile, the workload modules and a bench config whose rounds match
// the project's own load generator: same functions, identities, in-flight counts, warm-up and
// measured durations, and the same closed loop (closed-loop-rate.js, not Caliper's fixed-load).
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
// Each level is a warm-up round (label warm-..., left out of the tables) and then the measured
// round, as the own generator warms up before its window.
const warmup = Number(results.warmupSeconds || 0);
const rate = { type: path.join(ws, 'workloads', 'closed-loop-rate.js') };
const rounds = [];
const level = (label, module, load, args) => {
    const r = (l, s) => ({
        label: l,
        txDuration: s,
        rateControl: { ...rate, opts: { inFlight: load } },
        workload: { module: path.join(ws, 'workloads', module), arguments: args },
    });
    if (warmup > 0) {
        rounds.push(r(`warm-${label}`, warmup));
    }
    rounds.push(r(label, Number(seconds)));
};
for (const c of evalLevels.split(',').map(Number)) {
    level(`get-c${c}`, 'treaty-get.js', c, { treatyId: results.treatyId });
}
for (const c of submitLevels.split(',').map(Number)) {
    level(`found-c${c}`, 'treaty-found.js', c, { members, jurisdictions: ['CH', 'SG', 'BR'] });
}
// One worker unless BENCH_CALIPER_WORKERS says otherwise; the in-flight count is the round's
// total, split between the workers by the rate controller.
const workers = Number(process.env.BENCH_CALIPER_WORKERS || 1);
const bench = { test: { name: 'regnet', workers: { number: workers }, rounds } };
fs.writeFileSync(path.join(ws, 'benchconfig.json'), JSON.stringify(bench, null, 2));
console.log(`caliper workspace with ${rounds.length} rounds in ${ws}`);
