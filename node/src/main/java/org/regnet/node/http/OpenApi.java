package org.regnet.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3 document, generated from the registered routes' declarations: paths, methods, path
 * parameters, request bodies from the declared fields, response schemas, statuses, the permission
 * each route needs ({@code x-permission}) and bearer security.
 */
public final class OpenApi {
  private static final Map<String, String[]> RESPONSES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(
                  "Token", new String[] {"token:string", "tokenType:string", "expiresAt:string"}),
              Map.entry(
                  "Treaty",
                  new String[] {"treatyId:string", "name:string", "terms:object", "members:array"}),
              Map.entry(
                  "MembershipChange",
                  new String[] {
                    "changeId:string",
                    "treatyId:string",
                    "kind:string",
                    "member:string",
                    "status:string",
                    "approvals:array"
                  }),
              Map.entry(
                  "Agreement",
                  new String[] {
                    "agreementId:string",
                    "treatyId:string",
                    "proposer:string",
                    "counterparty:string",
                    "parties:array",
                    "scope:object",
                    "validFrom:string",
                    "validUntil:string",
                    "status:string",
                    "transferBasis:string"
                  }),
              Map.entry(
                  "AgreementPage",
                  new String[] {"items:array", "count:integer", "bookmark:string"}),
              Map.entry(
                  "Referral",
                  new String[] {
                    "referralId:string",
                    "treatyId:string",
                    "agreementId:string",
                    "originator:string",
                    "recipient:string",
                    "typology:string",
                    "instrumentClass:string",
                    "status:string",
                    "payloadHash:string",
                    "createdAt:string",
                    "updatedAt:string"
                  }),
              Map.entry(
                  "ReferralPage", new String[] {"items:array", "count:integer", "bookmark:string"}),
              Map.entry(
                  "PayloadView",
                  new String[] {
                    "referralId:string",
                    "accessId:string",
                    "purpose:string",
                    "payloadHash:string",
                    "payload:object"
                  }),
              Map.entry(
                  "Flag",
                  new String[] {
                    "flagId:string",
                    "treatyId:string",
                    "originator:string",
                    "subjectType:string",
                    "category:string",
                    "confidence:string",
                    "expiresAt:string",
                    "status:string",
                    "sharedWith:array"
                  }),
              Map.entry(
                  "FlagLookup", new String[] {"treatyId:string", "flagged:boolean", "flags:array"}),
              Map.entry(
                  "FlagRetraction",
                  new String[] {
                    "flagId:string", "treatyId:string", "status:string", "retractedWith:array"
                  }),
              Map.entry(
                  "AuditPage", new String[] {"items:array", "count:integer", "bookmark:string"}),
              Map.entry("InboxPage", new String[] {"items:array", "next:integer"}),
              Map.entry(
                  "InboxEvent",
                  new String[] {
                    "seq:integer", "event:string", "objectId:string", "txId:string", "detail:object"
                  }),
              Map.entry("EvidenceList", new String[] {"caseRef:string", "items:array"}),
              // the content route answers application/octet-stream; declared as its hash here
              Map.entry("EvidenceContent", new String[] {"sha256:string"}),
              Map.entry(
                  "EvidenceUpload",
                  new String[] {
                    "documentId:string",
                    "caseRef:string",
                    "sender:string",
                    "receiver:string",
                    "sha256:string",
                    "size:integer",
                    "verified:boolean",
                    "received:integer"
                  }),
              Map.entry(
                  "EvidenceDocument",
                  new String[] {
                    "documentId:string",
                    "caseRef:string",
                    "sender:string",
                    "receiver:string",
                    "sha256:string",
                    "size:integer",
                    "verified:boolean",
                    "custody:object",
                    // only once deleted at the case's retention end (decision 0030)
                    "deletedAt:string"
                  }),
              Map.entry(
                  "EvidenceTransfer",
                  new String[] {
                    "documentId:string",
                    "caseRef:string",
                    "sender:string",
                    "receiver:string",
                    "sha256:string",
                    "size:integer",
                    "verified:boolean",
                    "resumedFrom:integer",
                    "delivered:boolean"
                  }),
              Map.entry("Health", new String[] {"status:string"}),
              Map.entry(
                  "Ready", new String[] {"status:string", "checkedAt:string", "follower:object"}),
              Map.entry(
                  "ChannelUpdate",
                  new String[] {"changeId:string", "update:string", "signatures:object"}),
              Map.entry(
                  "ChannelSubmission",
                  new String[] {"changeId:string", "status:string", "signedBy:array"}),
              Map.entry("StreamTicket", new String[] {"ticket:string", "expiresAt:string"}),
              Map.entry(
                  "TransactionStatus",
                  new String[] {"transactionId:string", "status:string", "validationCode:string"}),
              Map.entry(
                  "Pending",
                  new String[] {"status:string", "transactionId:string", "statusUrl:string"}),
              Map.entry("Empty", new String[] {"revoked:boolean"}),
              Map.entry("OpenApi", new String[] {"openapi:string", "paths:object"}),
              Map.entry(
                  "Me",
                  new String[] {
                    "username:string",
                    "role:string",
                    "authority:string",
                    "mspId:string",
                    "permissions:array"
                  }),
              Map.entry(
                  "ReferralSearch",
                  new String[] {
                    "items:array", "count:integer", "unread:integer", "truncated:boolean"
                  }),
              Map.entry("Officers", new String[] {"items:array"}),
              Map.entry(
                  "Casework",
                  new String[] {
                    "referralId:string", "assignment:object", "notes:array", "read:boolean"
                  }),
              Map.entry("PayloadViewers", new String[] {"items:array", "available:boolean"}),
              Map.entry("AuditExport", new String[] {"entries:array", "count:integer"}),
              Map.entry(
                  "AssistanceRequest",
                  new String[] {
                    "requestId:string",
                    "treatyId:string",
                    "agreementId:string",
                    "requester:string",
                    "requested:string",
                    "instrumentClass:string",
                    "urgency:string",
                    "itemCount:integer",
                    "payloadHash:string",
                    "createdAt:string",
                    "acknowledgeDueAt:string",
                    "replyDueAt:string",
                    "progress:object",
                    "unsolicited:boolean"
                  }),
              Map.entry(
                  "AssistancePage",
                  new String[] {"items:array", "count:integer", "bookmark:string"}),
              Map.entry(
                  "AssistanceContent",
                  new String[] {"request:object", "payload:object", "payloadHash:string"}),
              Map.entry("College", new String[] {"college:object", "items:array"}),
              Map.entry("Colleges", new String[] {"items:array"}),
              Map.entry("Auth001", new String[] {"InfReqOpng:object"}),
              Map.entry(
                  "CooperationStatistics",
                  new String[] {"authority:string", "asOf:string", "counterparties:array"}),
              Map.entry("Users", new String[] {"items:array"}),
              Map.entry(
                  "User", new String[] {"username:string", "role:string", "disabled:boolean"}),
              Map.entry("ChangeSummary", new String[] {"change:object", "summary:array"})));

  /** Query parameters of the routes that take them (the route declarations carry none). */
  private static final Map<String, List<String>> QUERY =
      Map.of(
          "/v1/casework/referrals",
          List.of(
              "box",
              "status",
              "typology",
              "counterparty",
              "from",
              "to",
              "overdue",
              "assignee",
              "unread"),
          "/v1/audit/entries",
          List.of("objectId", "actorMsp", "from", "to", "pageSize", "bookmark"),
          "/v1/audit/export",
          List.of("objectId", "actorMsp", "from", "to", "format"),
          "/v1/evidence/{documentId}",
          List.of("caseRef", "receiver", "sha256", "size", "offset"));

  private OpenApi() {}

  /**
   * A property of a JSON type; an array's items may be any JSON value (OpenAPI needs them said).
   */
  private static void property(ObjectNode props, String name, String type) {
    ObjectNode p = props.putObject(name).put("type", type);
    if (type.equals("array")) {
      p.putObject("items");
    }
  }

  public static ObjectNode document(List<Route> routes) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.0.3");
    doc.putObject("info").put("title", "regnet authority node API").put("version", "1");
    ObjectNode paths = doc.putObject("paths");
    for (Route r : routes) {
      RouteSpec s = r.spec();
      ObjectNode pathItem =
          paths.has(s.path()) ? (ObjectNode) paths.get(s.path()) : paths.putObject(s.path());
      ObjectNode op = pathItem.putObject(s.method().name().toLowerCase(Locale.ROOT));
      op.put("summary", s.summary());
      op.put("operationId", r.getClass().getSimpleName());
      if (s.isPublic()) {
        op.putArray("security");
      } else {
        op.put("x-permission", s.permission());
      }
      ArrayNode params = op.putArray("parameters");
      if (s.method().name().equals("POST") && !s.isPublic()) {
        ObjectNode key = params.addObject();
        key.put("name", "Idempotency-Key").put("in", "header").put("required", false);
        key.put("description", "a retry with the same key gets the first outcome");
        key.putObject("schema").put("type", "string").put("pattern", "^[A-Za-z0-9._~:-]{8,128}$");
      }
      for (String seg : s.path().split("/")) {
        if (seg.startsWith("{")) {
          ObjectNode p = params.addObject();
          p.put("name", seg.substring(1, seg.length() - 1)).put("in", "path").put("required", true);
          p.putObject("schema").put("type", "string").put("pattern", "^[A-Za-z0-9._-]{1,128}$");
        }
      }
      for (String q : QUERY.getOrDefault(s.path(), List.of())) {
        params
            .addObject()
            .put("name", q)
            .put("in", "query")
            .put("required", false)
            .putObject("schema")
            .put("type", "string");
      }
      if (s.method().name().equals("PUT")) {
        // the one streamed body: a document upload (EvidenceUpload)
        op.putObject("requestBody")
            .put("required", true)
            .putObject("content")
            .putObject("application/octet-stream")
            .putObject("schema")
            .put("type", "string")
            .put("format", "binary");
      }
      if (!s.body().isEmpty()) {
        ObjectNode schema =
            op.putObject("requestBody")
                .put("required", true)
                .putObject("content")
                .putObject("application/json")
                .putObject("schema");
        schema.put("type", "object").put("additionalProperties", false);
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (FieldSpec f : s.body()) {
          property(props, f.name(), f.type());
          if (f.required()) {
            required.add(f.name());
          }
        }
      }
      ObjectNode responses = op.putObject("responses");
      for (int status : s.statuses()) {
        ObjectNode res = responses.putObject(String.valueOf(status));
        res.put(
            "description", status == 200 ? "OK" : status == 202 ? "submitted, pending" : "error");
        String ref = status == 200 ? s.responseSchema() : status == 202 ? "Pending" : "Error";
        res.putObject("content")
            .putObject(
                status == 200 && s.path().endsWith("/stream")
                    ? "text/event-stream"
                    : "application/json")
            .putObject("schema")
            .put("$ref", "#/components/schemas/" + ref);
        if (status == 202 || status == 429 || status == 503) {
          res.putObject("headers")
              .putObject(status == 202 ? "Location" : "Retry-After")
              .putObject("schema")
              .put("type", status == 202 ? "string" : "integer");
        }
      }
    }
    ObjectNode components = doc.putObject("components");
    components
        .putObject("securitySchemes")
        .putObject("bearer")
        .put("type", "http")
        .put("scheme", "bearer");
    doc.putArray("security").addObject().putArray("bearer");
    ObjectNode schemas = components.putObject("schemas");
    RESPONSES.forEach(
        (name, fields) -> {
          ObjectNode sc = schemas.putObject(name).put("type", "object");
          ObjectNode props = sc.putObject("properties");
          for (String f : fields) {
            String[] nt = f.split(":");
            property(props, nt[0], nt[1]);
          }
        });
    ObjectNode error = schemas.putObject("Error").put("type", "object");
    ObjectNode inner = error.putObject("properties").putObject("error").put("type", "object");
    ObjectNode ep = inner.putObject("properties");
    ep.putObject("code")
        .put("type", "string")
        .putArray("enum")
        .addAll(
            ErrorCatalogue.codes().stream()
                .sorted()
                .map(com.fasterxml.jackson.databind.node.TextNode::new)
                .toList());
    ep.putObject("message").put("type", "string");
    ep.putObject("field").put("type", "string");
    ep.putObject("retryAfterSeconds").put("type", "integer");
    inner.putArray("required").add("code").add("message");
    return doc;
  }
}
