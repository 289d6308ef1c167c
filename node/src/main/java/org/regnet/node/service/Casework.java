package org.regnet.node.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.regnet.node.store.CaseworkStore;
import org.regnet.node.store.User;
import org.regnet.node.store.UserStore;
import org.regnet.rules.Role;

/**
 * This authority's internal work on a referral: assignment, notes, read state. Each call first
 * reads the referral on the ledger as the caller, so case work exists only for referrals the caller
 * may see; nothing of it goes to the ledger.
 */
public final class Casework {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_NOTE = 4000;
  private final Ledger ledger;
  private final CaseworkStore store;
  private final UserStore users;
  private final Clock clock;

  public Casework(Ledger ledger, CaseworkStore store, UserStore users, Clock clock) {
    this.ledger = ledger;
    this.store = store;
    this.users = users;
    this.clock = clock;
  }

  /** Thrown for a bad argument, naming the field. */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    Invalid(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** Assignment, notes and whether the caller has read it. */
  public ObjectNode view(String username, String referralId) {
    visible(username, referralId);
    ObjectNode out = JSON.createObjectNode();
    out.put("referralId", referralId);
    store
        .assignment(referralId)
        .ifPresentOrElse(
            a ->
                out.putObject("assignment")
                    .put("assignee", a.assignee())
                    .put("assignedBy", a.assignedBy())
                    .put("assignedAt", a.at().toString()),
            () -> out.putNull("assignment"));
    var notes = out.putArray("notes");
    store
        .notes(referralId)
        .forEach(
            n ->
                notes
                    .addObject()
                    .put("id", n.id())
                    .put("author", n.author())
                    .put("text", n.text())
                    .put("at", n.at().toString()));
    out.put("read", !store.read(username, List.of(referralId)).isEmpty());
    return out;
  }

  /**
   * Assigns the referral to an enabled officer (case officer or investigator) of this authority.
   */
  public ObjectNode assign(String username, String referralId, String assignee) {
    User a =
        users
            .find(assignee)
            .filter(u -> !u.disabled())
            .orElseThrow(() -> new Invalid("assignee", "no such active user at this authority"));
    if (!a.role().equals(Role.CASE_OFFICER.wire()) && !a.role().equals(Role.INVESTIGATOR.wire())) {
      throw new Invalid("assignee", "must be a case officer or an investigator");
    }
    visible(username, referralId);
    store.assign(referralId, assignee, username, clock.instant());
    return view(username, referralId);
  }

  public ObjectNode note(String username, String referralId, String text) {
    if (text == null || text.isBlank() || text.length() > MAX_NOTE) {
      throw new Invalid("text", "1.." + MAX_NOTE + " characters");
    }
    visible(username, referralId);
    store.addNote(referralId, username, text.strip(), clock.instant());
    return view(username, referralId);
  }

  public ObjectNode markRead(String username, String referralId) {
    visible(username, referralId);
    store.markRead(username, referralId, clock.instant());
    return view(username, referralId);
  }

  /** Officers to whom a case may be assigned. */
  public List<User> officers() {
    return users.all().stream()
        .filter(u -> !u.disabled())
        .filter(
            u ->
                u.role().equals(Role.CASE_OFFICER.wire())
                    || u.role().equals(Role.INVESTIGATOR.wire()))
        .toList();
  }

  private void visible(String username, String referralId) {
    // Throws LedgerException (NOT_FOUND, ACCESS_DENIED) when the caller may not see it.
    ledger.evaluate(
        username,
        "referral:get",
        JSON.createObjectNode().put("referralId", referralId).toString(),
        Map.of(),
        List.of());
  }
}
