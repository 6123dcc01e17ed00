//! Tracks in a channel: intervals that overlap get tracks of their own, in a chosen order.
//!
//! This is the left-edge idea of channel routing with a twist: segments are placed in the order
//! that avoids crossings (see `route.rs` for the keys), each one track beyond every earlier
//! segment it overlaps, so that order holds across the channel while segments that never meet
//! share a track. A track is as thick as the widest thing on it (a flow's label included), so
//! the channel grows to hold its labels too.

/// One run that wants a track.
#[derive(Clone, Debug)]
pub(super) struct Run {
    /// Start of the run along the channel.
    pub lo: f32,
    /// End of the run along the channel.
    pub hi: f32,
    /// Placement order: lower keys sit nearer the channel's first side.
    pub key: (u8, f32, usize),
    /// Room it needs across the channel.
    pub thickness: f32,
}

/// Runs of different flows closer than this along the channel count as overlapping, so their
/// ends never meet.
const CLEARANCE: f32 = 8.0;

/// The tracks of one channel.
#[derive(Debug, Default)]
pub(super) struct Tracks {
    /// Track of each run, in the order the runs were given.
    pub of_run: Vec<usize>,
    /// Offset of each track's centre from the channel's first side of the tracks.
    pub centre: Vec<f32>,
    /// Sum of the tracks' thicknesses.
    pub total: f32,
}

/// Assigns tracks to `runs`.
pub(super) fn assign(runs: &[Run]) -> Tracks {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (&runs[a].key, &runs[b].key);
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(ka.2.cmp(&kb.2))
    });
    let mut of_run = vec![0usize; runs.len()];
    // Placed runs, in placement order: each new run is checked against all of them, which is
    // quadratic in the runs of one channel (fine at hundreds; an interval tree would be next).
    let mut placed: Vec<(f32, f32, usize)> = Vec::with_capacity(runs.len());
    let mut thickness: Vec<f32> = Vec::new();
    for &i in &order {
        let run = &runs[i];
        let (lo, hi) = (run.lo - CLEARANCE, run.hi + CLEARANCE);
        let track = placed
            .iter()
            .filter(|&&(plo, phi, _)| plo < hi && lo < phi)
            .map(|&(_, _, t)| t + 1)
            .max()
            .unwrap_or(0);
        of_run[i] = track;
        placed.push((run.lo, run.hi, track));
        if thickness.len() <= track {
            thickness.resize(track + 1, 0.0);
        }
        thickness[track] = thickness[track].max(run.thickness);
    }
    let mut centre = Vec::with_capacity(thickness.len());
    let mut total = 0.0;
    for t in &thickness {
        centre.push(total + t / 2.0);
        total += t;
    }
    Tracks { of_run, centre, total }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lo: f32, hi: f32, key: f32) -> Run {
        Run {
            lo,
            hi,
            key: (0, key, 0),
            thickness: 7.0,
        }
    }

    #[test]
    fn overlapping_runs_get_their_own_tracks_and_disjoint_ones_share() {
        let t = assign(&[run(0.0, 100.0, 0.0), run(50.0, 150.0, 1.0), run(300.0, 400.0, 2.0)]);
        assert_eq!(t.of_run, [0, 1, 0]);
        assert_eq!(t.centre.len(), 2);
        assert!((t.total - 14.0).abs() < 1e-6);
    }

    #[test]
    fn the_key_order_holds_for_overlapping_runs() {
        // The later key sits beyond the earlier one even though track 0 is free where it runs.
        let t = assign(&[run(0.0, 10.0, 1.0), run(0.0, 100.0, 0.0), run(90.0, 200.0, 2.0)]);
        assert_eq!(t.of_run[1], 0);
        assert_eq!(t.of_run[0], 1);
        assert_eq!(t.of_run[2], 1, "overlaps only the run on track 0");
    }

    #[test]
    fn a_thick_run_widens_its_track() {
        let mut thick = run(0.0, 100.0, 0.0);
        thick.thickness = 80.0;
        let t = assign(&[thick, run(0.0, 100.0, 1.0)]);
        assert!((t.centre[0] - 40.0).abs() < 1e-6);
        assert!((t.centre[1] - 83.5).abs() < 1e-6);
    }
}
