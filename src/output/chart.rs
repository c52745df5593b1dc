//! One-line terminal charts: a series of numbers as a row of block characters.

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of `values` in at most `width` cells. Longer series are folded into
/// `width` buckets with `fold` (sum for counts, max for latencies), so a spike never
/// disappears. Missing points (`None`) are blanks. The lowest value is `▁`, the highest `█`;
/// a flat series is drawn at mid height.
pub fn sparkline(values: &[Option<f64>], width: usize, fold: fn(f64, f64) -> f64) -> String {
    if values.is_empty() || width == 0 {
        return String::new();
    }
    let buckets = values.len().min(width);
    let folded: Vec<Option<f64>> = (0..buckets)
        .map(|b| {
            let from = b * values.len() / buckets;
            let to = ((b + 1) * values.len() / buckets).max(from + 1);
            values[from..to].iter().flatten().copied().reduce(fold)
        })
        .collect();
    let present = folded.iter().flatten().copied();
    let (min, max) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    folded
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if max <= min => BLOCKS[3],
            Some(v) => {
                let level = ((v - min) / (max - min) * (BLOCKS.len() - 1) as f64).round();
                BLOCKS[(level as usize).min(BLOCKS.len() - 1)]
            }
        })
        .collect()
}

pub fn add(a: f64, b: f64) -> f64 {
    a + b
}

pub fn max(a: f64, b: f64) -> f64 {
    a.max(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_from_lowest_to_highest() {
        let v: Vec<Option<f64>> = (0..8).map(|i| Some(f64::from(i))).collect();
        assert_eq!(sparkline(&v, 80, add), "▁▂▃▄▅▆▇█");
        assert_eq!(sparkline(&[Some(5.0), Some(5.0)], 80, add), "▄▄");
        assert_eq!(sparkline(&[Some(1.0), None, Some(3.0)], 80, add), "▁ █");
        assert_eq!(sparkline(&[], 80, add), "");
    }

    #[test]
    fn long_series_fold_without_losing_spikes() {
        let mut v = vec![Some(1.0); 100];
        v[37] = Some(50.0);
        let line = sparkline(&v, 10, max);
        assert_eq!(line.chars().count(), 10);
        assert_eq!(line, "▁▁▁█▁▁▁▁▁▁");
        // Summed buckets: each holds 10 ones, so the sums are equal and the line flat.
        assert_eq!(sparkline(&vec![Some(1.0); 100], 10, add), "▄▄▄▄▄▄▄▄▄▄");
    }
}
