package org.regnet.chaincode.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.validate.Check;

/** {@code treaty:found}. */
public record FoundTreatyRequest(
    String treatyId, String name, TermsInput terms, List<MemberInput> members) {

  public FoundTreatyRequest validated() {
    final String id =
        treatyId == null
            ? null
            : Check.matches(
                "treatyId", treatyId, Check.TREATY_ID, "matching " + Check.TREATY_ID.pattern());
    Check.text("name", name, Check.SHORT_TEXT, false);
    Check.required("terms", terms).validated("terms");
    final List<MemberInput> in = Check.list("members", members, 2, 100);
    final List<MemberInput> out = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    for (int i = 0; i < in.size(); i++) {
      final MemberInput m = in.get(i).validated("members[" + i + "]");
      if (!seen.add(m.msp())) {
        throw ErrorCode.VALIDATION_FAILED.exception(
            "members[" + i + "].msp", "duplicate member " + m.msp());
      }
      out.add(m);
    }
    return new FoundTreatyRequest(id, name, terms, List.copyOf(out));
  }
}
