package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.regnet.chaincode.request.FlagRequest;
import org.regnet.chaincode.request.NoFields;
import org.regnet.chaincode.service.FlagService;

/** Illicit-activity flags (docs/chaincode-api.md, "flag"). */
@Contract(name = "flag", info = @Info(title = "regnet flags", version = MetaContract.VERSION))
public final class FlagContract extends RegnetContract {

  @Override
  String area() {
    return "flag";
  }

  /** One member's copy of a flag; the request is in the transient map (decision 0021). */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String raise(final Context ctx, final String request) {
    request(request, NoFields.class);
    return json(FlagService.raise(rc(ctx)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String retract(final Context ctx, final String request) {
    request(request, NoFields.class);
    return json(FlagService.retract(rc(ctx)));
  }

  /** The originator's own copy and keys, on its own peer, to share with a later member. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String copy(final Context ctx, final String request) {
    return json(FlagService.copy(rc(ctx), request(request, FlagRequest.Copy.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String lookup(final Context ctx, final String request) {
    return json(FlagService.lookup(rc(ctx), request(request, FlagRequest.Lookup.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String recordMatch(final Context ctx, final String request) {
    request(request, NoFields.class);
    return json(FlagService.recordMatch(rc(ctx)));
  }
}
