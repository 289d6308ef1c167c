package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.regnet.chaincode.request.FlagRequest;
import org.regnet.chaincode.request.IdRef;
import org.regnet.chaincode.service.FlagService;

/** Illicit-activity flags (docs/chaincode-api.md, "flag"). */
@Contract(name = "flag", info = @Info(title = "regnet flags", version = MetaContract.VERSION))
public final class FlagContract extends RegnetContract {

  @Override
  String area() {
    return "flag";
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String raise(final Context ctx, final String request) {
    return json(FlagService.raise(rc(ctx), request(request, FlagRequest.Raise.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String retract(final Context ctx, final String request) {
    return json(FlagService.retract(rc(ctx), request(request, IdRef.FlagRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String lookup(final Context ctx, final String request) {
    return json(FlagService.lookup(rc(ctx), request(request, FlagRequest.Lookup.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String recordMatch(final Context ctx, final String request) {
    return json(FlagService.recordMatch(rc(ctx), request(request, FlagRequest.RecordMatch.class)));
  }
}
