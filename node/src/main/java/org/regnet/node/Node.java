package org.regnet.node;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hyperledger.fabric.client.Gateway;
import org.regnet.crypto.CertificateAuthority;
import org.regnet.crypto.KeyPairs;
import org.regnet.crypto.Pem;
import org.regnet.node.auth.AdminKey;
import org.regnet.node.auth.LoginGate;
import org.regnet.node.auth.Passwords;
import org.regnet.node.auth.Security;
import org.regnet.node.auth.StreamTickets;
import org.regnet.node.auth.TokenRealm;
import org.regnet.node.auth.Tokens;
import org.regnet.node.config.NodeConfig;
import org.regnet.node.http.AdminServer;
import org.regnet.node.http.EvidenceUpload;
import org.regnet.node.http.Idempotency;
import org.regnet.node.http.Metrics;
import org.regnet.node.http.NodeInitializer;
import org.regnet.node.http.NodeServer;
import org.regnet.node.http.RequestHandler;
import org.regnet.node.http.Route;
import org.regnet.node.http.Router;
import org.regnet.node.http.WorkerPools;
import org.regnet.node.http.route.*;
import org.regnet.node.ledger.EventFollower;
import org.regnet.node.ledger.FabricLedger;
import org.regnet.node.ledger.LedgerProbe;
import org.regnet.node.service.AssistanceCases;
import org.regnet.node.service.AuditTrail;
import org.regnet.node.service.CachedProbe;
import org.regnet.node.service.Casework;
import org.regnet.node.service.CertificateIssuer;
import org.regnet.node.service.ChannelAdmin;
import org.regnet.node.service.ChannelUpdateSummary;
import org.regnet.node.service.CollegeCases;
import org.regnet.node.service.ConfidentialLedger;
import org.regnet.node.service.Flags;
import org.regnet.node.service.InboxFilter;
import org.regnet.node.service.KeySealer;
import org.regnet.node.service.KeyedLedger;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.MembershipVotes;
import org.regnet.node.service.Readiness;
import org.regnet.node.service.ReferralCases;
import org.regnet.node.service.ReferralSearch;
import org.regnet.node.service.SealedKeys;
import org.regnet.node.service.UserAdmin;
import org.regnet.node.service.UserIdentities;
import org.regnet.node.store.CaseworkStore;
import org.regnet.node.store.Database;
import org.regnet.node.store.IdempotencyStore;
import org.regnet.node.store.InboxStore;
import org.regnet.node.store.LoginThrottle;
import org.regnet.node.store.PayloadAccessStore;
import org.regnet.node.store.TokenStore;
import org.regnet.node.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the node's parts together; {@link NodeMain} only parses arguments and calls this. */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final NodeConfig config;
  private final Database db;
  private final UserStore users;
  private final TokenStore tokenStore;
  private final KeySealer sealer;
  private final CertificateIssuer issuer;
  private final CertificateAuthority issuingCa;
  private org.regnet.node.evidence.EvidenceServer evidenceServer;
  private org.regnet.node.evidence.EvidenceDesk evidenceDesk;
  private org.regnet.node.evidence.EvidenceStore evidenceStore;
  private volatile org.regnet.node.evidence.EvidenceRetention retention;
  private final io.netty.util.concurrent.EventExecutorGroup uploadExecutor =
      new io.netty.util.concurrent.DefaultEventExecutorGroup(2);
  private final UserIdentities identities;
  private final WorkerPools workers;
  private final ScheduledExecutorService poller =
      Executors.newScheduledThreadPool(2, named("inbox-poller"));
  private final NodeServer server = new NodeServer();
  private final Metrics metrics = new Metrics();
  private AdminServer admin;
  private final ScheduledExecutorService renewer =
      Executors.newSingleThreadScheduledExecutor(named("certificate-renewer"));
  private FabricLedger ledger;
  private EventFollower follower;
  private volatile Reader reader;

  /** The event reader's Gateway and the certificate it signs with. */
  private record Reader(X509Certificate cert, Gateway gateway) {}

  public Node(NodeConfig config) {
    this.config = config;
    this.workers = WorkerPools.withApiThreads(config.apiThreads());
    this.db = new Database(config.dataDir(), config.secret());
    this.users = new UserStore(db);
    this.tokenStore = new TokenStore(db);
    this.sealer = new KeySealer(config.secret());
    this.issuingCa =
        CertificateAuthority.of(
            Pem.readCertificate(config.issuingCaCert()),
            SealedKeys.open(sealer, SealedKeys.ISSUING_CA, config.issuingCaSealedKey()));
    this.issuer = new CertificateIssuer(issuingCa, config.certificateLifetime(), Clock.systemUTC());
    this.identities = new UserIdentities(users, sealer, issuer);
  }

  public UserAdmin userAdmin() {
    return new UserAdmin(users, tokenStore, new Passwords(config.login()), sealer, issuer);
  }

  public UserStore users() {
    return users;
  }

  /** The users' short-lived Fabric identities, as the node signs with them. */
  public UserIdentities identities() {
    return identities;
  }

  /**
   * Starts the ledger connection, the event follower and the HTTPS server; returns the bound
   * address.
   */
  public InetSocketAddress start() throws InterruptedException {
    ledger = new FabricLedger(config, identities);
    metrics.counter(
        "regnet_ledger_resends_total",
        "Transactions sent again (same id) after a wait without a commit status (decision 0027).",
        ledger::resends);
    InboxStore inbox = new InboxStore(db);
    reader = newReader();
    follower =
        new EventFollower(
            () -> reader.gateway().getNetwork(config.channel()),
            config.chaincode(),
            inbox,
            new InboxFilter(config.mspId()),
            this::filed);
    follower.start();
    long every = issuer.checkInterval().toMillis();
    renewer.scheduleWithFixedDelay(this::renewCertificates, every, every, TimeUnit.MILLISECONDS);
    InetSocketAddress bound =
        startHttp(
            ledger,
            inbox,
            new LedgerProbe(
                // The node's own reader identity, read at each probe (it is renewed).
                () -> reader.gateway().getNetwork(config.channel()),
                config.channel(),
                config.chaincode(),
                inbox,
                Clock.systemUTC()));
    LOG.info(
        "node {} ({}) listening on https://{}:{}",
        config.name(),
        config.mspId(),
        bound.getHostString(),
        bound.getPort());
    return bound;
  }

  /**
   * The node's own reader identity for the event stream: a fresh key and a short-lived certificate,
   * held in memory only.
   */
  private Reader newReader() {
    KeyPair pair = KeyPairs.p256();
    X509Certificate cert = issuer.issueReader(config.name(), pair.getPublic());
    return new Reader(cert, ledger.connect(cert, pair.getPrivate()));
  }

  /**
   * Renews, while the node serves, the certificates due: the event reader's (the follower moves to
   * a new stream under the new identity and resumes from its checkpoint) and the users'.
   */
  void renewCertificates() {
    try {
      Reader old = reader;
      if (issuer.renewalDue(old.cert())) {
        reader = newReader();
        follower.reconnect();
        old.gateway().close();
        LOG.info(
            "renewed the event reader's certificate, valid to {}",
            reader.cert().getNotAfter().toInstant());
      }
      int renewed = identities.renewDue();
      if (renewed > 0) {
        LOG.info("renewed the certificates of {} users", renewed);
      }
    } catch (RuntimeException e) {
      // retried at the next check, well before anything expires
      LOG.warn("certificate renewal failed: {}", e.toString());
    }
  }

  /** Starts only the HTTPS server, on a given ledger (tests pass an in-process one). */
  public InetSocketAddress startHttp(Ledger ledger) throws InterruptedException {
    InboxStore inbox = new InboxStore(db);
    Clock clock = Clock.systemUTC();
    return startHttp(
        ledger,
        inbox,
        () -> {
          // The in-process ledger's probe: it answers, and the checkpoint (no channel height).
          ledger.evaluate("node", "meta:version", null, Map.of(), List.of());
          long cp = inbox.checkpoint().blockNumber();
          return new Readiness(true, cp, -1, -1, clock.instant());
        });
  }

  private InetSocketAddress startHttp(Ledger ledger, InboxStore inbox, Supplier<Readiness> probe)
      throws InterruptedException {
    if (config.evidence() != null) {
      startEvidence(config.evidence(), ledger);
    }
    Clock clock = Clock.systemUTC();
    Passwords passwords = new Passwords(config.login());
    Tokens tokens = new Tokens(tokenStore, config.tokenTtl(), clock);
    Security security = new Security(new TokenRealm(tokens, users));
    StreamTickets tickets = new StreamTickets(config.stream().ticketTtl(), clock);
    LoginGate gate = new LoginGate(config.login().memoryBudgetMiB());
    metrics.gauge(
        "regnet_login_memory_in_use_kib",
        "Memory held by password verifications running now.",
        gate::inUseKiB);
    metrics.gauge(
        "regnet_api_queued",
        "Requests waiting for an api worker (bounded; beyond it the node answers 503 BUSY).",
        workers::queuedApi);
    metrics.gauge(
        "regnet_costly_queued",
        "Logins waiting for a costly-lane worker (bounded; beyond it 503 BUSY).",
        workers::queuedCostly);
    metrics.gauge(
        "regnet_inbox_quarantined",
        "Events the follower could not file, kept in quarantine for an operator.",
        inbox::quarantined);
    Supplier<Readiness> ready = new CachedProbe(probe, Duration.ofSeconds(10), clock);
    List<Route> routes =
        routes(
            new ConfidentialLedger(new KeyedLedger(ledger), config.mspId()),
            inbox,
            passwords,
            tokens,
            gate,
            ready,
            tickets,
            clock);
    Router router = new Router(routes);
    RequestHandler handler =
        new RequestHandler(
            router,
            security,
            workers,
            metrics,
            new Idempotency(new IdempotencyStore(db), clock),
            tickets);
    if (config.admin() != null) {
      admin =
          new AdminServer(metrics, u -> userAdmin().disable(u), AdminKey.derive(config.secret()));
      InetSocketAddress a = admin.start(config.admin().host(), config.admin().port());
      LOG.info("admin listener (metrics) on http://{}:{}", a.getHostString(), a.getPort());
    }
    return server.start(
        config.listenHost(),
        config.listenPort(),
        evidenceStore == null
            ? new NodeInitializer(
                NodeServer.tls(config.tlsCert(), config.tlsKey()), config.maxBodyBytes(), handler)
            : new NodeInitializer(
                NodeServer.tls(config.tlsCert(), config.tlsKey()),
                config.maxBodyBytes(),
                handler,
                () -> new EvidenceUpload(security, evidenceStore, config.mspId()),
                uploadExecutor));
  }

  /**
   * The evidence port and its use cases (docs/decisions/0019): documents from the configured
   * counterparties' nodes, their chains attributed to their roots; receipts recorded as the
   * configured receipt user.
   */
  private void startEvidence(org.regnet.node.config.EvidenceConfig ev, Ledger ledger)
      throws InterruptedException {
    java.util.Map<String, List<X509Certificate>> roots = new java.util.TreeMap<>();
    java.util.Map<String, java.net.URI> endpoints = new java.util.TreeMap<>();
    ev.authorities()
        .forEach(
            (msp, c) -> {
              roots.put(msp, List.of(Pem.readCertificate(c.rootCert())));
              endpoints.put(msp, c.endpoint());
            });
    var trust = new org.regnet.node.evidence.AuthorityTrust(roots);
    var identity =
        new org.regnet.node.evidence.RenewingIdentity(
            issuingCa, config.name(), config.certificateLifetime(), Clock.systemUTC());
    var store = new org.regnet.node.evidence.EvidenceStore(ev.storeDir(), sealer);
    evidenceStore = store;
    // Set before the catch-up: an event filed after the catch-up's query finds it set (decision
    // 0030).
    retention = new org.regnet.node.evidence.EvidenceRetention(store, Clock.systemUTC());
    retention.catchUp(
        new InboxStore(db).objectIds(org.regnet.node.evidence.EvidenceRetention.PURGED_EVENT));
    var custody = new org.regnet.node.evidence.LedgerCustody(ledger, ev.receiptUser());
    evidenceServer =
        new org.regnet.node.evidence.EvidenceServer(
            new InetSocketAddress(ev.host(), ev.port()),
            identity,
            trust,
            config.mspId(),
            store,
            custody,
            custody);
    evidenceDesk =
        new org.regnet.node.evidence.EvidenceDesk(
            store,
            ledger,
            config.mspId(),
            new org.regnet.node.evidence.EvidenceSender(store, identity, trust),
            endpoints);
    LOG.info("evidence port on {}:{}", ev.host(), evidenceServer.port());
  }

  /** Told of each event the follower files: a purge ends the request's documents here too. */
  private void filed(org.regnet.node.store.Filing.Event e) {
    var r = retention;
    if (r != null
        && e.objectId() != null
        && e.name().equals(org.regnet.node.evidence.EvidenceRetention.PURGED_EVENT)) {
      r.purged(e.objectId());
    }
  }

  /** The evidence port, when one runs. */
  public java.util.OptionalInt evidencePort() {
    return evidenceServer == null
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(evidenceServer.port());
  }

  /** The node's inbox, as the event follower files it (tests file events through it). */
  public InboxStore inbox() {
    return new InboxStore(db);
  }

  /** The admin listener's address, when one runs. */
  public java.util.Optional<InetSocketAddress> adminAddress() {
    return java.util.Optional.ofNullable(admin).map(AdminServer::address);
  }

  private List<Route> routes(
      Ledger ledger,
      InboxStore inbox,
      Passwords passwords,
      Tokens tokens,
      LoginGate gate,
      Supplier<Readiness> ready,
      StreamTickets tickets,
      Clock clock) {
    ReferralCases cases =
        new ReferralCases(ledger, config.mspId(), new PayloadAccessStore(db, clock));
    List<Route> routes = new ArrayList<>();
    routes.add(
        new Login(
            users,
            passwords,
            tokens,
            new LoginThrottle(
                db, config.maxLoginFailures(), config.login().addressFailures(), config.lockout()),
            gate,
            clock));
    routes.add(new Logout(tokens));
    routes.add(new Health());
    routes.add(new Ready(ready));
    routes.add(new OpenApiDocument(() -> routes));
    routes.add(new GetTreaty(ledger));
    routes.add(new FoundTreaty(ledger));
    MembershipVotes votes =
        new MembershipVotes(
            ledger,
            config.channelAdmin()
                ? new ChannelAdmin(
                    config,
                    SealedKeys.open(sealer, SealedKeys.ORG_ADMIN, config.orgAdminSealedKey()))
                : null);
    routes.add(new ProposeMembershipChange(votes));
    routes.add(new ApproveMembershipChange(votes));
    routes.add(new SubmitChannelUpdate(votes));
    routes.add(new WithdrawMembershipChange(ledger));
    routes.add(new GetChannelUpdate(ledger));
    routes.add(new GetMembershipChange(ledger));
    routes.add(new ProposeAgreement(ledger));
    routes.add(new SignAgreement(ledger));
    routes.add(new SuspendAgreement(ledger));
    routes.add(new TerminateAgreement(ledger));
    routes.add(new GetAgreement(ledger));
    routes.add(new ListAgreements(ledger));
    routes.add(new SubmitReferral(cases));
    routes.add(new ReferralInbox(ledger));
    routes.add(new ReferralOutbox(ledger));
    routes.add(new GetReferral(ledger));
    routes.add(new AcknowledgeReferral(ledger));
    routes.add(new StartInvestigation(ledger));
    routes.add(new RequestInformation(cases));
    routes.add(new ProvideInformation(cases));
    routes.add(new CloseReferral(ledger));
    routes.add(new DeclineReferral(ledger));
    routes.add(new ViewPayload(cases));
    routes.add(new RequestConsent(ledger));
    routes.add(new GrantConsent(ledger));
    routes.add(new ShareOnward(cases));
    CollegeCases colleges = new CollegeCases(ledger, config.mspId());
    routes.add(new FormCollege(colleges));
    routes.add(new ListColleges(ledger));
    routes.add(new GetCollege(ledger));
    routes.add(new ShareWithCollege(colleges));
    routes.add(new CloseCollege(colleges));
    routes.add(new PurgeCollege(colleges));
    AssistanceCases assistance = new AssistanceCases(ledger, config.mspId());
    routes.add(new SubmitAssistanceRequest(assistance));
    routes.add(new OfferUnsolicitedInformation(assistance));
    routes.add(new AssistanceInbox(ledger));
    routes.add(new AssistanceOutbox(ledger));
    routes.add(new ExportStatistics(assistance, workers.api()));
    routes.add(new GetAssistanceRequest(ledger));
    routes.add(new AssistanceContent(assistance));
    routes.add(new ExportAuth001(assistance, workers.api()));
    routes.add(new AcknowledgeAssistanceRequest(ledger));
    routes.add(new ContestUrgency(assistance));
    routes.add(new ReportProgress(assistance));
    routes.add(new ReestimateReply(assistance));
    routes.add(new ReplyToAssistanceRequest(assistance));
    routes.add(new MarkAssistanceOverdue(ledger));
    routes.add(new NoticeDisclosure(assistance));
    routes.add(new ObjectToDisclosure(ledger));
    routes.add(new RecordDisclosure(ledger));
    routes.add(new RecordSubjectRequest(assistance));
    routes.add(new PurgeAssistanceRequest(ledger));
    Flags flags = new Flags(ledger, config.mspId(), config::treatyKey);
    routes.add(new RaiseFlag(flags));
    routes.add(new LookupFlag(flags));
    routes.add(new RetractFlag(flags));
    routes.add(new ShareFlag(flags));
    routes.add(new AuditByObject(ledger));
    routes.add(new AuditByActor(ledger));
    routes.add(new AuditByTime(ledger));
    routes.add(new ListInbox(inbox));
    InboxStream stream =
        new InboxStream(
            inbox,
            poller,
            t -> tokens.user(t).flatMap(users::find).filter(u -> !u.disabled()).isPresent(),
            config.stream().heartbeat());
    metrics.gauge(
        "regnet_streams_paused",
        "Inbox streams waiting for their client to read what is already sent (backpressure).",
        stream::pausedStreams);
    routes.add(stream);
    routes.add(new StreamTicket(tickets));
    routes.add(new TransactionStatusRoute(ledger));
    if (evidenceDesk != null) {
      routes.add(new org.regnet.node.http.route.UploadEvidence());
      routes.add(new org.regnet.node.http.route.ListEvidence(evidenceDesk));
      routes.add(new org.regnet.node.http.route.DownloadEvidence(evidenceStore, workers.api()));
      routes.add(new org.regnet.node.http.route.SendEvidence(evidenceDesk));
      routes.add(new org.regnet.node.http.route.RecordEvidenceReceipt(evidenceDesk));
    }
    routes.addAll(webAppRoutes(ledger, clock));
    return List.copyOf(routes);
  }

  /** The routes the web application needs beyond the core API (docs/decisions/0011). */
  private List<Route> webAppRoutes(Ledger ledger, Clock clock) {
    CaseworkStore caseworkStore = new CaseworkStore(db);
    Casework casework = new Casework(ledger, caseworkStore, users, clock);
    AuditTrail trail = new AuditTrail(ledger);
    UserAdmin admin = userAdmin();
    return List.of(
        new WhoAmI(config.name(), config.mspId()),
        new SearchReferrals(new ReferralSearch(ledger, caseworkStore, config.mspId()), clock),
        new ListOfficers(casework),
        new GetCasework(casework),
        new AssignReferral(casework),
        new AddNote(casework),
        new MarkRead(casework),
        new PayloadViewers(trail),
        new AuditEntries(trail),
        new ExportAudit(trail, workers.api()),
        new ListUsers(users),
        new CreateUser(admin),
        new DisableUser(admin, ledger),
        new ResetPassword(admin, ledger),
        new ChangeRole(admin, ledger),
        new MembershipChangeSummary(new ChannelUpdateSummary(ledger)));
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.close();
    if (evidenceServer != null) {
      evidenceServer.close();
    }
    uploadExecutor.shutdownGracefully();
    if (admin != null) {
      admin.close();
    }
    if (follower != null) {
      follower.close();
    }
    renewer.shutdownNow();
    if (reader != null) {
      reader.gateway().close();
    }
    if (ledger != null) {
      ledger.close();
    }
    workers.shutdownNow();
    poller.shutdownNow();
    db.close();
  }
}
