package org.chapar.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the XMPP driver lands: scenarios 1-3 on Chapar and ejabberd side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Scenarios 1-3 on Chapar and ejabberd, side by side.")
final class CompareCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("compare: not built yet");
        return 2;
    }
}
