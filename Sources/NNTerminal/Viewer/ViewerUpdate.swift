import Foundation
import NNCore

/// Something the viewer reacts to.
public enum ViewerEvent: Equatable, Sendable {
    /// A key press.
    case key(Key)
    /// The autoplay timer fired.
    case tick
}

extension ViewerState {
    /// The state after `event`: the whole behaviour of the viewer, with no terminal involved.
    public func updated(with event: ViewerEvent) -> ViewerState {
        var state = self
        state.apply(event)
        return state
    }

    mutating func apply(_ event: ViewerEvent) {
        let before = (cursor.index, selected, precise)
        switch event {
        case .tick:
            if playing {
                if !cursor.stepForward() {
                    playing = false
                    message = "end of training: autoplay stopped"
                }
            }
        case .key(.resize(let width, let height)):
            terminalSize = TerminalSize(width: width, height: height)
        case .key(let key):
            message = nil
            // Under the "terminal too small" notice nothing is visible to act on: only quitting works.
            if let terminalSize, !terminalSize.isLargeEnough {
                if [.character("q"), .escape, .interrupt].contains(key) { shouldQuit = true }
                return
            }
            switch mode {
            case .normal: handleNormal(key)
            case .help, .checkResult: handleHelp(key)
            case .input(let kind, let text): handleInput(key, kind: kind, text: text)
            }
        }
        if before != (cursor.index, selected, precise) {
            if before.0 != cursor.index { stepScroll = 0 }
            if before.1 != selected { chainScroll = 0 }
            refresh()
        }
    }

    private mutating func handleNormal(_ key: Key) {
        switch key {
        case .character("n"), .character(" "), .right:
            if !cursor.stepForward() { message = "already at the last step of training" }
        case .character("p"), .character("b"), .left:
            if !cursor.stepBack() { message = "already at the first step" }
        case .character("e"):
            if cursor.epoch + 1 < scenario.epochs {
                cursor.moveToEpoch(cursor.epoch + 1)
            } else {
                message = "already in the last epoch"
            }
        case .character("E"):
            if cursor.epoch > 0 {
                cursor.moveToEpoch(cursor.epoch - 1)
            } else if cursor.isAtStart {
                message = "already at the start of the first epoch"
            } else {
                cursor.moveToStart()
            }
        case .home: cursor.moveToStart()
        case .end: cursor.moveToEnd()
        case .character("g"): mode = .input(.epoch, text: ""); inputCursor = 0
        case .character("w"): mode = .input(.weight, text: ""); inputCursor = 0
        case .character("d"): mode = .input(.formula, text: ""); inputCursor = 0
        case .character("r"):
            playing.toggle()
            if playing && cursor.isAtEnd { playing = false; message = "already at the last step of training" }
        case .character("+"), .character("="):
            speedIndex = max(0, speedIndex - 1)
            message = "autoplay: one step every \(playInterval) ms"
        case .character("-"), .character("_"):
            speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
            message = "autoplay: one step every \(playInterval) ms"
        case .tab: selectWatched(step: 1)
        case .backTab: selectWatched(step: -1)
        case .down: selected = (selected + 1) % parameters.count
        case .up: selected = (selected + parameters.count - 1) % parameters.count
        case .character("s"), .character("S"):
            let samples = derived.step.record.sampleCount
            if samples > 1 {
                let current = min(shownSample, samples - 1)
                shownSample = (current + (key == .character("s") ? 1 : samples - 1)) % samples
                message = "network diagram: sample \(shownSample + 1) of \(samples) in the batch"
            } else {
                message = "this batch has one sample"
            }
        case .character("f"):
            precise.toggle()
            message = precise ? "showing 10 decimals" : "showing 4 decimals"
        case .pageDown:
            let limits = scrollLimits
            stepScroll = min(stepScroll + limits.stepPage, limits.step)
        case .pageUp:
            let limits = scrollLimits
            stepScroll = max(0, min(stepScroll, limits.step) - limits.stepPage)
        case .character("]"):
            let limits = scrollLimits
            chainScroll = min(chainScroll + limits.chainPage, limits.chain)
        case .character("["):
            let limits = scrollLimits
            chainScroll = max(0, min(chainScroll, limits.chain) - limits.chainPage)
        case .character("?"), .character("h"): mode = .help
        case .character("q"), .escape, .interrupt: shouldQuit = true
        case .resize: break
        default:
            message = "unknown key: press ? for the list of keys"
        }
    }

    /// A message to show while `key` is handled, when it may train many epochs first (a jump
    /// in a long run: End, e, or a typed epoch), else nil.
    func workNotice(for key: Key) -> String? {
        guard scenario.epochs > 20_000 else { return nil }
        let jumps: Bool
        switch (mode, key) {
        case (.normal, .end), (.normal, .character("e")): jumps = true
        case (.input(.epoch, _), .enter): jumps = true
        default: jumps = false
        }
        return jumps ? "working: training up to the epoch asked for…" : nil
    }

    /// How far the panels can scroll; unlimited until the terminal's size is known (the
    /// renderer clamps what it shows in any case).
    private var scrollLimits: (step: Int, chain: Int, stepPage: Int, chainPage: Int) {
        terminalSize.map { Renderer.scrollLimits(self, size: $0) } ?? (Int.max / 2, Int.max / 2, 5, 3)
    }

    /// Tab walks the scenario's watch list when it names two weights or more, else every weight.
    private mutating func selectWatched(step: Int) {
        let watched = scenario.watch.compactMap { parameters.firstIndex(of: $0) }
        guard watched.count >= 2 else {
            selected = (selected + step + parameters.count) % parameters.count
            return
        }
        let position = watched.firstIndex(of: selected) ?? (step > 0 ? watched.count - 1 : 0)
        selected = watched[(position + step + watched.count) % watched.count]
    }

    private mutating func handleHelp(_ key: Key) {
        switch key {
        case .interrupt: shouldQuit = true
        case .resize: break
        default: mode = .normal
        }
    }

    private mutating func handleInput(_ key: Key, kind: InputKind, text: String) {
        switch key {
        case .escape: mode = .normal
        case .interrupt: shouldQuit = true
        case .backspace:
            guard inputCursor > 0 else { break }
            var characters = Array(text)
            characters.remove(at: inputCursor - 1)
            inputCursor -= 1
            mode = .input(kind, text: String(characters))
        case .delete:
            var characters = Array(text)
            guard inputCursor < characters.count else { break }
            characters.remove(at: inputCursor)
            mode = .input(kind, text: String(characters))
        case .left: inputCursor = max(0, inputCursor - 1)
        case .right: inputCursor = min(text.count, inputCursor + 1)
        case .home: inputCursor = 0
        case .end: inputCursor = text.count
        case .character(let character):
            if text.count < (kind == .formula ? 300 : 40) {
                var characters = Array(text)
                characters.insert(character, at: min(inputCursor, characters.count))
                inputCursor = min(inputCursor, text.count) + 1
                mode = .input(kind, text: String(characters))
            }
        case .enter: submit(kind, text: text.trimmingCharacters(in: .whitespaces))
        default: break
        }
    }

    private mutating func submit(_ kind: InputKind, text: String) {
        switch kind {
        case .epoch:
            guard let epoch = Int(text), (1...scenario.epochs).contains(epoch) else {
                message = "'\(text)' is not an epoch: type a whole number from 1 to \(scenario.epochs)"
                return
            }
            cursor.moveToEpoch(epoch - 1)
            mode = .normal
        case .formula:
            do {
                let check = try DerivationChecker.check(text, weight: selectedWeight, scenario: scenario, record: derived.step.record)
                mode = .checkResult(CheckReport.lines(check, symbol: derived.decomposition.symbol, style: numberStyle))
            } catch {
                message = error.description.split(separator: "\n").first.map(String.init)
            }
        case .weight:
            do {
                let id = try WeightID.parse(text, layerSizes: scenario.layerSizes, notation: scenario.notation)
                selected = parameters.firstIndex(of: id) ?? selected
                mode = .normal
            } catch {
                message = error.description
            }
        }
    }
}
