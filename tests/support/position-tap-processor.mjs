// AudioWorklet processor for tests: for each render quantum that carries sound, posts the context frame
// and the first input sample of both channels. Fed a position-coded song, that says which song sample the
// context rendered at which frame: the ground truth of where playback is.
/* global AudioWorkletProcessor, registerProcessor, currentFrame */
class PositionTap extends AudioWorkletProcessor {
  process(inputs, outputs) {
    const input = inputs[0];
    if (input !== undefined && input.length >= 2) {
      const [fine, coarse] = input;
      this.port.postMessage({ frame: currentFrame, fine: fine[0], coarse: coarse[0] });
      outputs[0]?.[0]?.set(fine);
    }
    return true;
  }
}
registerProcessor('position-tap', PositionTap);
