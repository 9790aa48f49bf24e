import Foundation
import Testing

/// Output that cannot be written: a full disk, a closed descriptor, a reader that went away.
/// README, "Errors and exit status": one line on standard error where it can be written and exit
/// status 74; a closed pipe ends quietly with 141, whether SIGPIPE is ignored or not.
@Suite struct OutputFailureTests {
    /// One invocation of every command that writes to standard output, each with output that
    /// its success would print (check's wrong formula exits 3 when its output arrives).
    static let commands: [String] = [
        "trace --epochs 2", "trace --format jsonl --epochs 2", "train", "train --format json", "explain",
        "explain --format json", "screen --width 80 --height 24",
        "check --formula '(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)'", "check --formula 1",
        "check --formula 1 --format json", "--help", "--version", "help trace",
    ]

    /// Opens descriptor `$w` on a pipe whose reader has already exited, so every write fails.
    static let closedPipe = "exec {w}> >(true); wait $!;"

    @Test(arguments: commands) func aFullDiskIsOneLineAndStatus74(_ command: String) throws {
        let result = try Shell.run("\"$NNVIEW\" \(command) > /dev/full")
        #expect(result.status == 74, "\(command): \(result.error)")
        #expect(result.error == "nnview: cannot write to standard output: No space left on device\n", "\(command)")
    }

    @Test(arguments: commands) func aClosedStandardOutputIsOneLineAndStatus74(_ command: String) throws {
        let result = try Shell.run("\"$NNVIEW\" \(command) >&-")
        #expect(result.status == 74, "\(command): \(result.error)")
        #expect(result.error == "nnview: cannot write to standard output: Bad file descriptor\n", "\(command)")
    }

    @Test(arguments: commands) func aClosedPipeEndsQuietlyWithSIGPIPEIgnored(_ command: String) throws {
        let result = try Shell.run("trap '' PIPE; \(Self.closedPipe) \"$NNVIEW\" \(command) >&$w; echo $?")
        #expect(result.output == "141\n", "\(command)")
        #expect(result.error.isEmpty, "\(command): \(result.error)")
    }

    @Test(arguments: commands) func aClosedPipeEndsQuietlyWithSIGPIPEAtItsDefault(_ command: String) throws {
        // SIGPIPE unblocked and at its default action, as in a login shell: the signal ends nnview.
        let result = try Shell.run("trap - PIPE; \(Self.closedPipe) \"$NNVIEW\" \(command) >&$w; echo $?")
        #expect(result.output == "141\n", "\(command)")
        #expect(result.error.isEmpty, "\(command): \(result.error)")
    }

    @Test func aLongTraceIntoAPipeThatClosesEarlyEndsQuietly() throws {
        // head reads one line and leaves while trace is still writing.
        for signalSetting in ["trap '' PIPE", "trap - PIPE"] {
            let result = try Shell.run("\(signalSetting); \"$NNVIEW\" trace | head -1; echo \"${PIPESTATUS[0]}\"")
            #expect(result.output == "── epoch 1/100 · batch 1/1 · step 1 · Forward · hidden layer Z\n141\n", "\(signalSetting)")
            #expect(result.error.isEmpty, "\(signalSetting): \(result.error)")
        }
    }

    @Test func anErrorToAnUnwritableStandardErrorIsStatus74NotACrash() throws {
        for redirect in ["2> /dev/full", "2>&-"] {
            for command in ["explain --weight v99", "check --formula 'Y1*('", "screen --keys '{Entr}'", "trace /nonexistent.json", "trace --bogus"] {
                let result = try Shell.run("\"$NNVIEW\" \(command) \(redirect)")
                #expect(result.status == 74, "\(command) \(redirect)")
                #expect(result.output.isEmpty, "\(command) \(redirect)")
            }
        }
        // Nothing to say on standard error: its state does not matter.
        let quiet = try Shell.run("\"$NNVIEW\" train --epochs 2 2> /dev/full")
        #expect(quiet.status == 0)
        #expect(quiet.output.hasPrefix("Two sigmoid outputs (seed 000): trained 2 epochs\n"))
    }

    @Test func theShellRunsNNViewWithSIGPIPEUnblocked() throws {
        // Otherwise "at its default" above would test a blocked signal, i.e. EPIPE again.
        let result = try Shell.run("trap - PIPE; grep -E '^Sig(Blk|Ign)' /proc/self/status")
        let masks = result.output.split(separator: "\n").map { UInt64($0.split(separator: "\t").last ?? "", radix: 16) ?? 0 }
        #expect(masks.count == 2 && masks.allSatisfy { $0 & (1 << (13 - 1)) == 0 }, "\(result.output)")
    }

    @Test func bothStreamsFullIsStatus74WithNothingToTell() throws {
        let result = try Shell.run("\"$NNVIEW\" explain > /dev/full 2> /dev/full; echo $?")
        #expect(result.output == "74\n")
    }
}

/// Runs a bash script with `NNVIEW` set to the binary. Foundation's `Process` leaves its
/// children's signals blocked; `env --default-signal` (and the script's own `trap`) set them.
enum Shell {
    static func run(_ script: String) throws -> NNViewBinary.Result {
        try NNViewBinary.run(executable: "/usr/bin/env", ["--default-signal", "bash", "-c", script],
                             environment: ProcessInfo.processInfo.environment.merging(["NNVIEW": NNViewBinary.path]) { $1 })
    }
}
