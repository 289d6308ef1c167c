package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.regnet.chaincode.request.CollegeRequests;
import org.regnet.chaincode.request.NoFields;
import org.regnet.chaincode.service.Colleges;

/**
 * Colleges of more than two member authorities (docs/chaincode-api.md, "college"; decision 0035).
 * Confidential like every exchange: a SUBMIT takes its request from the transient map's {@code
 * request} entry with {@code {}} as its public argument and returns {@code {}}; the member reads
 * the college back from its own peer ({@code college:get}).
 */
@Contract(name = "college", info = @Info(title = "regnet colleges", version = MetaContract.VERSION))
public final class CollegeContract extends RegnetContract {

  @Override
  String area() {
    return "college";
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String form(final Context ctx, final String request) {
    Colleges.form(rc(ctx), confidential(ctx, request, CollegeRequests.Form.class, true));
    return AssistanceContract.NOTHING;
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String share(final Context ctx, final String request) {
    Colleges.share(rc(ctx), confidential(ctx, request, CollegeRequests.Share.class, true));
    return AssistanceContract.NOTHING;
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String close(final Context ctx, final String request) {
    Colleges.close(rc(ctx), confidential(ctx, request, CollegeRequests.Ref.class, true));
    return AssistanceContract.NOTHING;
  }

  /** Retention that ends, pair by pair (decision 0035). */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String purge(final Context ctx, final String request) {
    Colleges.purge(rc(ctx), confidential(ctx, request, CollegeRequests.Purge.class, true));
    return AssistanceContract.NOTHING;
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String get(final Context ctx, final String request) {
    return json(
        Colleges.get(rc(ctx), confidential(ctx, request, CollegeRequests.Ref.class, false)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String list(final Context ctx, final String request) {
    confidential(ctx, request, NoFields.class, false);
    return json(java.util.Map.of("items", Colleges.list(rc(ctx))));
  }
}
