import Foundation
import Testing
@testable import NNCore

/// Loading a scenario never reads more than a scenario may have, never waits on a pipe nothing
/// writes to, and names what kind of file it was given when that is no scenario file.
@Suite struct ScenarioFileTests {
    let limit = ScenarioLimits.maximumFileBytes

    func message(_ path: String) -> String {
        do {
            _ = try ScenarioDecoder.load(path: path)
            return "(accepted)"
        } catch {
            return error.description
        }
    }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aHugeFileIsRefusedByItsSizeWithoutBeingRead() throws {
        // 64 GiB, sparse: reading it first, as before, would need 64 GiB of memory.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("huge.json")
        try Data("{".utf8).write(to: file)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 64 << 30)
        try handle.close()
        #expect(message(file.path) == "\(file.path): is 68719476736 bytes, more than the 16777216 a scenario may have")
    }

    @Test func aFileJustInsideTheLimitIsRead() throws {
        // Valid JSON padded with spaces to exactly the limit: read whole, then judged as a scenario.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("padded.json")
        let object = #"{"nam": 1}"#
        try Data((object + String(repeating: " ", count: limit - object.utf8.count)).utf8).write(to: file)
        #expect(message(file.path) == "\(file.path): the scenario has an unknown field \"nam\" (did you mean \"name\"?); known fields: version, name, description, notation, layers, loss, reduction, learning_rate, epochs, batch_size, seed, data, dataset, watch, notes, optimizer, weight_decay, train_biases, optimizer_state (line 1, column 9)")
        try Data((object + String(repeating: " ", count: limit + 1 - object.utf8.count)).utf8).write(to: file)
        #expect(message(file.path) == "\(file.path): is 16777217 bytes, more than the 16777216 a scenario may have")
    }

    @Test func devicesAndFoldersAreNamedForWhatTheyAre() {
        #expect(message("/dev/zero") == "/dev/zero: is a character device, not a scenario file (JSON)")
        #expect(message("/dev/null") == "/dev/null: is empty (it is /dev/null), expected a scenario (a JSON object)")
        #expect(message("/") == "/: is a directory, expected a scenario file (JSON)")
        #expect(message("/dev/null/x.json") == "/dev/null/x.json: no such file (a part of its path is not a folder)")
    }

    @Test func aNamedPipeNothingWritesToIsRefusedAtOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Before, this waited for a writer forever.
        #expect(message(fifo) == "\(fifo): is a pipe that gave nothing to read (is anything writing to it?), expected a scenario (JSON)")
    }

    @Test func aPipeIsReadAsAFile() throws {
        // As `nnview trace <(cat scenario.json)` passes it: /dev/fd/N, the read end of a pipe.
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data(TestScenarios.seed000.utf8))
        try pipe.fileHandleForWriting.close()
        let scenario = try ScenarioDecoder.load(path: "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)")
        #expect(scenario.name == "seed 000")
        #expect(scenario.layers.map(\.units) == [2, 2])
    }

    @Test func anEndlessPipeIsCutAtTheLimit() throws {
        let pipe = Pipe()
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/yes")
        writer.standardOutput = pipe
        try writer.run()
        defer {
            // SIGKILL: the child inherits the test runner's blocked signals, SIGTERM among them.
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
        }
        let path = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
        #expect(message(path) == "\(path): is a pipe that gives more than 16777216 bytes, the most a scenario may have")
    }
}
